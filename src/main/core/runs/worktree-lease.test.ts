import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { acquireWorktreeLease, releaseWorktreeLease } from './worktree-lease'

process.env.TMPDIR = '/var/tmp'

/** One writer per worktree, on the real SQLite file of a real core. */
describe('worktree leases', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('refuses a second live session with the holder named, takes over from a dead one, and is released at cleanup', async () => {
    t = await startTestCore()
    const store = t.core.services.store
    const live = new Set(['run-a-1'])
    const alive = (id: string) => live.has(id)
    await acquireWorktreeLease(store, { path: '/w/one', runId: 'run-a', sessionId: 'run-a-1', alive })
    // The same session again: fine (a relaunch step repeating itself).
    await acquireWorktreeLease(store, { path: '/w/one', runId: 'run-a', sessionId: 'run-a-1', alive })
    await expect(acquireWorktreeLease(store, { path: '/w/one', runId: 'run-b', sessionId: 'run-b-1', alive })).rejects.toThrow(
      /the worktree \/w\/one is in use by run run-a \(session run-a-1, since .*\); one session writes in a worktree at a time: stop it first \(flightdeck run stop run-a\)/
    )
    await expect(acquireWorktreeLease(store, { path: '/w/one', runId: 'run-a', sessionId: 'run-a-2', alive })).rejects.toThrow(/in use by an earlier session of this run/)
    // Another worktree is free.
    await acquireWorktreeLease(store, { path: '/w/two', runId: 'run-b', sessionId: 'run-b-1', alive })
    // The holder died: the next session takes the lease over.
    live.delete('run-a-1')
    await acquireWorktreeLease(store, { path: '/w/one', runId: 'run-a', sessionId: 'run-a-2', alive })
    const rows = await store.db.selectFrom('worktree_leases').selectAll().orderBy('path').execute()
    expect(rows.map((r) => [r.path, r.session_id])).toEqual([
      ['/w/one', 'run-a-2'],
      ['/w/two', 'run-b-1']
    ])
    await releaseWorktreeLease(store, 'run-a')
    expect((await store.db.selectFrom('worktree_leases').select('path').execute()).map((r) => r.path)).toEqual(['/w/two'])
  })

  it('a run whose worktree another live session holds fails to start, saying why', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('leased')
    const r = await c.invoke('repo.add', { path: repo })
    const a = await c.invoke('run.start', { issueId: (await c.invoke('issue.create', { repoId: r.id, title: 'Holder' })).id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    await expect.poll(async () => (await c.invoke('run.get', { id: a.id })).state, { timeout: 30_000 }).toBe('running')
    const held = await c.invoke('run.get', { id: a.id })
    // A second live session claims run A's worktree (as a second Flightdeck or a stray relaunch would).
    await t.core.services.store.write(async (tx) => {
      await tx.db.updateTable('worktree_leases').set({ session_id: 'intruder-1', run_id: 'intruder' }).where('path', '=', held.worktreePath!).execute()
    })
    const sessions = await t.core.services.runs.engine.terminals()
    await sessions.spawn({ id: 'intruder-1', argv: ['sh', '-c', 'sleep 120'], cwd: held.worktreePath!, env: { PATH: process.env.PATH ?? '' }, cols: 80, rows: 24, scrollbackLines: 100 })
    await c.invoke('run.stop', { id: a.id })
    await expect.poll(async () => (await c.invoke('run.get', { id: a.id })).state, { timeout: 20_000 }).toBe('stopped')
    // Its own session's exit recorded first, so the restart below is the only thing moving the run.
    await expect.poll(async () => (await sessions.list()).find((s) => s.id === held.sessionId)?.exit ?? null, { timeout: 20_000 }).not.toBeNull()
    await expect(c.invoke('run.restart', { id: a.id })).rejects.toThrow(/in use by run intruder \(session intruder-1/)
    expect((await c.invoke('run.get', { id: a.id })).detail).toMatch(/could not start: the worktree .* is in use by run intruder/)
    await sessions.kill('intruder-1', 'SIGKILL').catch(() => undefined)
  })
})
