import { spawn, spawnSync } from 'node:child_process'
import os from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

describe('a run whose preparer died', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('is failed, saying so, by the engine; one another live process is preparing is left alone', async () => {
    t = await startTestCore({ engine: true, healthIntervalMs: 200 })
    const c = t.core.client
    const repo = await c.invoke('repo.add', { path: t.gitRepo() })
    const start = async (title: string) => {
      const run = await c.invoke('run.start', { issueId: (await c.invoke('issue.create', { repoId: repo.id, title })).id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
      await c.invoke('run.stop', { id: run.id })
      await expect.poll(async () => (await c.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('stopped')
      // Its session's exit handled first, so only the preparer's fate moves the run below.
      const sessions = await t!.core.services.runs.engine.terminals()
      await expect.poll(async () => (await sessions.list()).find((s) => s.id === `${run.id}-1`)?.exit ?? null, { timeout: 20_000 }).not.toBeNull()
      await new Promise((r) => setTimeout(r, 500))
      return run.id
    }
    const orphan = await start('Orphaned')
    const busy = await start('Being prepared')
    // As a CLI's `run start` leaves them: in preparing, prepared by a process that died, or one that lives.
    const dead = spawnSync('true').pid!
    const preparer = spawn('sleep', ['30'])
    await t.core.services.store.write(async (tx) => {
      for (const [id, pid] of [[orphan, dead], [busy, preparer.pid!]] as const) {
        await tx.db.updateTable('runs').set({ state: 'preparing' }).where('id', '=', id).execute()
        await tx.db.insertInto('run_launches').values({ run_id: id, pid, host: os.hostname(), started_at: new Date().toISOString() }).execute()
      }
    })
    await expect.poll(async () => (await c.invoke('run.get', { id: orphan })).detail, { timeout: 10_000 }).toBe(`interrupted while preparing (the process preparing it, pid ${dead}, ended); resume it`)
    expect((await c.invoke('run.get', { id: orphan })).state).toBe('failed')
    expect((await c.invoke('run.get', { id: busy })).state).toBe('preparing')
    preparer.kill()
  }, 60_000)
})
