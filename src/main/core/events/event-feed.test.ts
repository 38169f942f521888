import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../core'
import { makeGitRepo, tempDir } from '../../../../test/fixtures/temp'
import type { EventEnvelope } from '../../../shared/contract'
import path from 'node:path'

describe('event feed across processes sharing one database file', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('delivers events committed by another core on the same file, once and in order', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.cleanup)
    const home = path.join(tmp.dir, 'home')
    const reader = await createCore({ home })
    cleanups.push(() => reader.close())
    const writer = await createCore({ home })
    cleanups.push(() => writer.close())

    const seen: EventEnvelope[] = []
    cleanups.push(reader.subscribe((e) => seen.push(e)))
    const repo = await writer.client.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'r')) })
    for (let i = 0; i < 3; i++) await writer.client.invoke('issue.create', { repoId: repo.id, title: `issue ${i}` })

    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(4)
    expect(seen.map((e) => e.topic)).toEqual(['repo.added', 'issue.created', 'issue.created', 'issue.created'])
    const seqs = seen.map((e) => e.seq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    expect(await reader.client.invoke('event.list', { afterSeq: 0 })).toHaveLength(4)
  })
})
