import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { ApiError } from '../../../shared/errors'

process.env.TMPDIR = '/var/tmp' // the sandboxed agent's own /tmp

/** Writes three lines and commits, then reads one line of review from its prompt, fixes line 2 and commits. */
const reviewedAgent = ['sh', '-c', [
  "printf 'one\\ntwo\\nthree\\n' > notes.txt && git add notes.txt && git commit -qm notes",
  'read line; printf "%s\\n" "$line" > feedback.txt',
  "sed -i '2s/.*/two, because the tests need it/' notes.txt && git commit -qam 'address review'",
  'sleep 60'
].join('\n')]

const refusal = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal') }, (e: ApiError) => e)

describe('review comments on a run\'s diff, with a shell agent in a real pty', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  it('holds comments as pending, sends them as one message and a briefing version, and follows whether the agent addressed them', async () => {
    const c = t.core.client
    const repo = await c.invoke('repo.add', { path: t.gitRepo() })
    const issue = await c.invoke('issue.create', { repoId: repo.id, title: 'Write notes' })
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: reviewedAgent })
    await expect.poll(async () => (await c.invoke('run.changes', { id: run.id })).map((f) => f.path), { timeout: 30_000 }).toContain('notes.txt')

    expect((await refusal(c.invoke('comment.add', { runId: run.id, path: 'notes.txt', startLine: 2, endLine: 9, body: 'x' }))).message).toBe('notes.txt has 3 line(s); the comment is on line 9')
    expect((await refusal(c.invoke('comment.add', { runId: run.id, path: '../outside.txt', startLine: 1, endLine: 1, body: 'x' }))).message).toContain("is not a file in the run's worktree")
    expect((await refusal(c.invoke('comment.send', { runId: run.id }))).message).toContain('no pending comment')

    const kept = await c.invoke('comment.add', { runId: run.id, path: 'notes.txt', startLine: 2, endLine: 2, body: 'Say why two is needed.' })
    expect(kept).toMatchObject({ status: 'pending', quote: 'two', addressed: null })
    const dropped = await c.invoke('comment.add', { runId: run.id, path: 'notes.txt', startLine: 1, endLine: 3, body: 'never mind' })
    await c.invoke('comment.remove', { id: dropped.id })

    expect(await c.invoke('comment.send', { runId: run.id })).toEqual({ sent: 1, packetVersion: 2 })
    const packet = (await c.invoke('issue.contextPackets', { issueId: issue.id })).at(-1)!
    expect(packet.content.inputs.reviewComments).toBe('- notes.txt:2: Say why two is needed.')
    expect((await c.invoke('run.get', { id: run.id })).contextPacketId).toBe(packet.id)

    const worktree = (await c.invoke('run.get', { id: run.id })).worktreePath!
    await expect.poll(() => fs.existsSync(path.join(worktree, 'feedback.txt')), { timeout: 20_000 }).toBe(true)
    expect(fs.readFileSync(path.join(worktree, 'feedback.txt'), 'utf8')).toContain('notes.txt:2: Say why two is needed.')
    await expect.poll(async () => (await c.invoke('comment.list', { runId: run.id })).map((x) => [x.body, x.status, x.addressed]), { timeout: 20_000 })
      .toEqual([['Say why two is needed.', 'sent', true]])
    expect((await refusal(c.invoke('comment.remove', { id: kept.id }))).message).toContain('already sent')
  }, 90_000)
})
