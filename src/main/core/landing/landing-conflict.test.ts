import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { conflictHunks } from './landing-conflict'
import { git, landingHelpers } from './landing.test-support'

const setValue = (v: string) => ['sh', '-c', `printf 'value = ${v}\\nkeep\\n' > config.txt && git commit -qam "set ${v}"`]

describe('conflict preview and resolving by hand', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 2_000, intervalMs: 200 } })
  })
  afterEach(() => t.close())

  it('shows the files, both sides of each hunk and the run behind the other side; Re-check sees the hand-made resolution', async () => {
    const h = landingHelpers(t)
    const c = t.core.client
    const { path: repo, repo: r } = await h.repoWith({ 'config.txt': 'value = 1\nkeep\n' }, { landing: { attemptBudget: 0 }, validation: { commands: [{ name: 'has-config', argv: ['sh', '-c', 'grep value config.txt'] }] } })
    const a = await h.startRun(r.id, 'Set A', setValue('A'))
    const b = await h.startRun(r.id, 'Set B', setValue('B'))
    await h.waitForState(a.id, 'ready_to_merge')
    const ready = await h.waitForState(b.id, 'ready_to_merge')
    const tipB = git(repo, 'rev-parse', `refs/heads/${ready.branch}`)
    expect((await c.invoke('landing.conflict', { runId: b.id })).preview?.files).toEqual([])
    await c.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    await c.invoke('landing.enqueue', { runId: b.id })
    await expect.poll(async () => (await c.invoke('landing.list', {})).entries.find((e) => e.runId === b.id)?.status, { timeout: 20_000 }).toBe('blocked')

    const { preview } = await c.invoke('landing.conflict', { runId: b.id })
    expect(preview).toMatchObject({ runId: b.id, issueTitle: 'Set B', baseBranch: 'main', branch: ready.branch, worktreePath: ready.worktreePath })
    expect(preview!.files).toEqual([{ path: 'config.txt', hunks: [{ line: 1, base: ['value = A'], run: ['value = B'] }] }])
    expect(preview!.others).toEqual([expect.objectContaining({ runId: a.id, issueTitle: 'Set A' })])
    // While it conflicts, Re-check runs no checks (the queue would not either).
    expect(await c.invoke('landing.recheck', { runId: b.id })).toMatchObject({ preview: { files: [{ path: 'config.txt' }] }, checks: [] })
    // Computed without touching anything: the worktree is clean, the branch where the agent left it.
    expect(git(ready.worktreePath!, 'status', '--porcelain')).toBe('')
    expect(git(repo, 'rev-parse', `refs/heads/${ready.branch}`)).toBe(tipB)

    // By hand, in the worktree: rebase, keep both, continue. Re-check: nothing left; Land lands it.
    const wt = ready.worktreePath!
    expect(() => execFileSync('git', ['rebase', 'main'], { cwd: wt, stdio: 'pipe' })).toThrow()
    fs.writeFileSync(path.join(wt, 'config.txt'), 'value = A and B\nkeep\n')
    git(wt, 'add', 'config.txt')
    execFileSync('git', ['rebase', '--continue'], { cwd: wt, stdio: 'pipe', env: { ...process.env, GIT_EDITOR: 'true' } })
    expect((await c.invoke('landing.conflict', { runId: b.id })).preview?.files).toEqual([])
    // Re-check runs the queue's checks too, in the worktree, once nothing conflicts.
    expect(await c.invoke('landing.recheck', { runId: b.id })).toMatchObject({ preview: { files: [] }, checks: [{ name: 'has-config', passed: true, exitCode: 0, tail: 'value = A and B' }] })
    await c.invoke('landing.enqueue', { runId: b.id })
    await h.waitForState(b.id, 'merged', 30_000)
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = A and B\nkeep\n')
    expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${b.id}/1`)).toBe(tipB)
  }, 90_000)

  it('reads conflict regions as merge-tree writes them, bounded', () => {
    const text = ['a', '<<<<<<< refs/heads/main', 'x', '=======', 'y', 'z', '>>>>>>> refs/heads/fd/b', 'b', '<<<<<<< refs/heads/main', '=======', 'only ours', '>>>>>>> refs/heads/fd/b', ''].join('\n')
    expect(conflictHunks(text)).toEqual([{ line: 2, base: ['x'], run: ['y', 'z'] }, { line: 9, base: [], run: ['only ours'] }])
    const many = Array.from({ length: 30 }, () => '<<<<<<< a\n1\n=======\n2\n>>>>>>> b').join('\n')
    expect(conflictHunks(many)).toHaveLength(20)
  })
})
