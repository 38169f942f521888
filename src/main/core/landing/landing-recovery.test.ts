import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { type TestCore, engineProcess, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'
import { now } from '../ids'
import { createWorkspaceService } from '../workspaces'
import { moveRun } from '../runs/run-transition'
import { git, landingHelpers, writeFile } from './landing.test-support'

describe('landing survives restarts and shares the database with another engine', () => {
  let t: TestCore
  let h: ReturnType<typeof landingHelpers>
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 1_000, intervalMs: 200 } })
    h = landingHelpers(t)
  })
  afterEach(() => t.close())

  /** Two runs on different files; A landed, B ready and behind. */
  async function oneLandedOneBehind() {
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    const b = await h.startRun(r.id, 'Add b', writeFile('b.txt', 'b'))
    await h.waitForState(a.id, 'ready_to_merge')
    const ready = await h.waitForState(b.id, 'ready_to_merge')
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    return { repo, repoId: r.id, b: ready, tip: git(repo, 'rev-parse', `refs/heads/${ready.branch}`) }
  }

  /** What a landing engine that died mid-way leaves behind: the entry claimed by it, at `step`. */
  async function claimedByADeadEngine(run: Run, step: string) {
    await t.core.services.store.write(async (tx) => {
      await moveRun(tx, run.id, 'queued_to_land', { detail: 'queued to land' })
      const ts = now()
      await tx.db.insertInto('landing_queue').values({ id: `dead-${run.id}`, run_id: run.id, repo_id: run.repoId, priority_rank: 2, enqueued_at: ts, status: 'landing', step, reason: null, attempts: 0, conflict_files: '[]', claimed_by: 'dead-engine', claimed_at: ts, updated_at: ts }).execute()
    })
  }

  it('takes over a landing interrupted mid-rebase once its lease runs out, and finishes it cleanly', async () => {
    const { repo, b, tip } = await oneLandedOneBehind()
    const wt = b.worktreePath as string
    // A rebase stopped half-way, as a crash would leave it.
    expect(() => git(wt, 'rebase', '--exec', 'false', 'main')).toThrow()
    expect(fs.existsSync(path.join(git(wt, 'rev-parse', '--absolute-git-dir'), 'rebase-merge'))).toBe(true)
    await claimedByADeadEngine(b, 'integrating')

    const landed = await h.waitForState(b.id, 'merged')
    expect(landed.detail).toMatch(/^landed on main/)
    expect(fs.existsSync(path.join(git(wt, 'rev-parse', '--absolute-git-dir'), 'rebase-merge'))).toBe(false)
    expect(fs.readFileSync(path.join(repo, 'b.txt'), 'utf8')).toBe('b\n')
    expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${b.id}/1`)).toBe(tip)
    const taken = (await t.core.client.invoke('event.forEntity', { entity: b.id })).find((e) => e.topic === 'landing.updated' && (e.payload as { entry: { reason: string | null } }).entry.reason === 'taken over after an interrupted landing')
    expect(taken).toBeDefined()
  }, 90_000)

  it('records a landing whose merge went through just before the crash, without merging twice', async () => {
    const { repo, b } = await oneLandedOneBehind()
    const ws = { repoPath: repo, path: b.worktreePath as string, branch: b.branch as string, baseBranch: 'main' }
    git(ws.path, 'rebase', 'main')
    const workspaces = createWorkspaceService({ watch: false })
    const sha = await workspaces.merge(ws, { strategy: 'merge', message: `Add b (run ${b.id})` })
    workspaces.dispose()
    await claimedByADeadEngine(b, 'merging')

    const landed = await h.waitForState(b.id, 'merged')
    expect(landed.detail).toBe(`landed on main as ${sha.slice(0, 10)}`)
    expect(git(repo, 'rev-parse', 'main')).toBe(sha)
    expect(git(repo, 'log', '--first-parent', '--format=%s', 'main').split('\n').filter((s) => s.endsWith(`(run ${b.id})`))).toHaveLength(1)
    expect((await t.core.client.invoke('issue.get', { id: b.issueId })).status).toBe('done')
  }, 90_000)

  it('lands every run exactly once with two engines working the same queue', async () => {
    const other = await engineProcess(t.home)
    onTestFinished(() => other.stop())
    const errors = vi.spyOn(console, 'error')
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    const runs = []
    for (const name of ['p', 'q', 's', 'u']) runs.push(await h.startRun(r.id, `Add ${name}`, writeFile(`${name}.txt`, name)))
    for (const run of runs) await h.waitForState(run.id, 'ready_to_merge')
    for (const run of runs) await t.core.client.invoke('landing.enqueue', { runId: run.id })
    for (const run of runs) await h.waitForState(run.id, 'merged', 60_000)
    const subjects = git(repo, 'log', '--first-parent', '--format=%s', 'main').split('\n')
    for (const run of runs) expect(subjects.filter((s) => s.endsWith(`(run ${run.id})`))).toHaveLength(1)
    for (const name of ['p', 'q', 's', 'u']) expect(fs.readFileSync(path.join(repo, `${name}.txt`), 'utf8')).toBe(`${name}\n`)
    for (const run of runs) {
      const moves = (await t.core.client.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'run.updated' && (e.payload as { run: Run }).run.state === 'merged' && (e.payload as { from?: string }).from)
      expect(moves).toHaveLength(1)
    }
    // Deferred transactions used to fail with SQLITE_BUSY here when the other process wrote in between.
    expect(errors.mock.calls.flat().join('\n')).not.toContain('locked')
    expect(other.output()).not.toContain('locked')
  }, 120_000)
})
