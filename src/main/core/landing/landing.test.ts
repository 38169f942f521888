import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { git, landingHelpers, writeFile } from './landing.test-support'

/** A shell agent that edits the shared line, and when re-briefed about a conflict, rebases and keeps both sides. */
const editThenResolve = (value: string) => [
  'sh',
  '-c',
  `if grep -q 'conflicts in' "$FLIGHTDECK_BRIEFING"; then git rebase main || { printf 'value = 2 and ${value}\\n' > config.txt; git add config.txt; GIT_EDITOR=true git rebase --continue; }; else printf 'value = ${value}\\n' > config.txt && git commit -qam "set ${value}"; fi`
]

describe('the landing queue, with shell agents in real ptys and real worktrees', () => {
  let t: TestCore
  let h: ReturnType<typeof landingHelpers>
  beforeEach(async () => {
    t = await startTestCore({ engine: true, landing: { leaseMs: 1_000, intervalMs: 200 } })
    h = landingHelpers(t)
  })
  afterEach(() => t.close())

  it('lands a run that is only behind its base without anyone typing git', async () => {
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    const b = await h.startRun(r.id, 'Add b', writeFile('b.txt', 'b'))
    await h.waitForState(a.id, 'ready_to_merge')
    await h.waitForState(b.id, 'ready_to_merge')
    const before = { a: git(repo, 'rev-parse', `refs/heads/${(await t.core.client.invoke('run.get', { id: a.id })).branch}`), b: git(repo, 'rev-parse', `refs/heads/${(await t.core.client.invoke('run.get', { id: b.id })).branch}`) }

    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await t.core.client.invoke('landing.enqueue', { runId: b.id })
    const landedA = await h.waitForState(a.id, 'merged')
    const landedB = await h.waitForState(b.id, 'merged')
    expect(landedB.detail).toMatch(/^landed on main as [0-9a-f]{10}$/)
    expect(landedA.detail).toMatch(/^landed on main as/)
    expect(fs.readFileSync(path.join(repo, 'a.txt'), 'utf8')).toBe('a\n')
    expect(fs.readFileSync(path.join(repo, 'b.txt'), 'utf8')).toBe('b\n')
    expect((await t.core.client.invoke('issue.get', { id: landedB.issueId })).status).toBe('done')
    expect((await t.core.client.invoke('landing.list', {})).entries).toEqual([])
    // Nothing lost: each run's tip before its landing is on a snapshot ref.
    expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${a.id}/1`)).toBe(before.a)
    expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${b.id}/1`)).toBe(before.b)
    const topics = (await t.core.client.invoke('event.forEntity', { entity: b.id })).map((e) => e.topic)
    expect(topics).toContain('landing.updated')
    expect(topics).toContain('landing.removed')
  }, 90_000)

  it('does not fail the work of a run that fell behind its base while it ran: landing brings it up to date', async () => {
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    // Where the sandboxed agent can read it (its /tmp is its own): the repository's git folder.
    const go = path.join(repo, '.git', 'test-go')
    const b = await h.startRun(r.id, 'Add b', ['sh', '-c', `while [ ! -f '${go}' ]; do sleep 0.1; done; printf 'b\\n' > b.txt && git add b.txt && git commit -qm b`])
    await h.waitForState(b.id, 'running')
    fs.writeFileSync(path.join(repo, 'other.txt'), 'other\n')
    git(repo, 'add', 'other.txt')
    git(repo, 'commit', '-qm', 'meanwhile on main')
    fs.writeFileSync(go, '')
    const ready = await h.waitForState(b.id, 'ready_to_merge')
    expect(ready.detail).toBeNull()
    await t.core.client.invoke('landing.enqueue', { runId: b.id })
    await h.waitForState(b.id, 'merged')
    expect(fs.readFileSync(path.join(repo, 'b.txt'), 'utf8')).toBe('b\n')
  }, 60_000)

  it('sends a conflict back to the agent with the files and the other side, and lands its resolution', async () => {
    const { path: repo, repo: r } = await h.repoWith({ 'config.txt': 'value = 1\n' })
    const a = await h.startRun(r.id, 'Set two', writeFile('config.txt', 'value = 2'))
    const b = await h.startRun(r.id, 'Set three', editThenResolve('3'))
    await h.waitForState(a.id, 'ready_to_merge')
    const readyB = await h.waitForState(b.id, 'ready_to_merge')
    const tipB = git(repo, 'rev-parse', `refs/heads/${readyB.branch}`)
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    await t.core.client.invoke('landing.enqueue', { runId: b.id })

    // It goes back to the agent with a new briefing version, then comes back through the queue by itself.
    await h.waitForState(b.id, 'merged', 60_000)
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = 2 and 3\n')
    const packets = await t.core.client.invoke('issue.contextPackets', { issueId: readyB.issueId })
    const feedback = packets.at(-1)?.content.inputs.landingFeedback as string
    expect(packets.length).toBe(2)
    expect(feedback).toContain('- config.txt')
    expect(feedback).toContain(`"Set two" (issue ${a.issueId}, run ${a.id})`)
    expect(feedback).toContain('+value = 2')
    expect(feedback).toContain('git rebase main')
    const moves = (await t.core.client.invoke('event.forEntity', { entity: b.id })).filter((e) => e.topic === 'run.updated').map((e) => (e.payload as { run: { state: string } }).run.state)
    expect(moves).toEqual(expect.arrayContaining(['queued_to_land', 'preparing', 'running', 'ready_to_merge', 'merged']))
    // Both sides' commits stay reachable: B's original tip on its snapshot ref, A's in main.
    expect(git(repo, 'rev-parse', `refs/flightdeck/snapshots/${b.id}/1`)).toBe(tipB)
    expect(git(repo, 'show', `${tipB}:config.txt`)).toBe('value = 3')
  }, 120_000)

  it('asks the operator once the budget is spent, and lands after a fix by hand and merge again', async () => {
    const { path: repo, repo: r } = await h.repoWith({ 'config.txt': 'value = 1\n' }, { landing: { attemptBudget: 0 } })
    const a = await h.startRun(r.id, 'Set two', writeFile('config.txt', 'value = 2'))
    const b = await h.startRun(r.id, 'Set three', writeFile('config.txt', 'value = 3'))
    await h.waitForState(a.id, 'ready_to_merge')
    const readyB = await h.waitForState(b.id, 'ready_to_merge')
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    await t.core.client.invoke('landing.enqueue', { runId: b.id })
    await expect.poll(async () => (await t.core.client.invoke('landing.list', {})).entries[0]?.status, { timeout: 20_000 }).toBe('blocked')
    const entry = (await t.core.client.invoke('landing.list', {})).entries[0]
    expect(entry).toMatchObject({ runId: b.id, conflictFiles: ['config.txt'], position: null })
    const run = await t.core.client.invoke('run.get', { id: b.id })
    expect(run.state).toBe('queued_to_land')
    expect(run.detail).toContain('blocked: conflict in config.txt')
    // The inbox thread is opened just after the entry is blocked: wait for it.
    await expect.poll(async () => (await t.core.client.invoke('forum.inbox', {})).find((th) => th.runId === b.id)?.title, { timeout: 10_000 }).toBe('Landing blocked: Set three')
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = 2\n')

    // The operator resolves in the worktree and queues it again.
    const wt = readyB.worktreePath as string
    git(wt, 'rebase', 'main', '-X', 'theirs')
    await t.core.client.invoke('landing.enqueue', { runId: b.id })
    await h.waitForState(b.id, 'merged')
    expect(fs.readFileSync(path.join(repo, 'config.txt'), 'utf8')).toBe('value = 3\n')
  }, 90_000)

  it('runs the validation commands again on the updated branch and sends failures back', async () => {
    // The check passes on each branch alone and fails once both files exist: only the landing sees it.
    const policy = { validation: { commands: [{ name: 'exclusive', argv: ['sh', '-c', 'test ! -f a.txt || test ! -f b.txt || { echo both exist; exit 4; }'] }] }, landing: { attemptBudget: 0 } }
    const { repo: r } = await h.repoWith({ 'README.md': '# app\n' }, policy)
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    const b = await h.startRun(r.id, 'Add b', writeFile('b.txt', 'b'))
    await h.waitForState(a.id, 'ready_to_merge')
    await h.waitForState(b.id, 'ready_to_merge')
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    await h.waitForState(a.id, 'merged')
    await t.core.client.invoke('landing.enqueue', { runId: b.id })
    await expect.poll(async () => (await t.core.client.invoke('landing.list', {})).entries[0]?.reason ?? '', { timeout: 20_000 }).toContain('checks failed on the updated branch: exclusive (exit 4): both exist')
  }, 90_000)

  it('lands again, once, a run whose check was killed from outside while landing, instead of blaming the agent', async () => {
    // The check's second run (the first while landing) is killed -9: it says nothing about the code.
    const counter = path.join(fs.mkdtempSync(path.join(t.dir, 'count-')), 'n')
    const check = `n=$(cat ${counter} 2>/dev/null || echo 0); n=$((n+1)); echo $n > ${counter}; if [ $n -eq 2 ]; then kill -9 $$; fi`
    const { repo: r } = await h.repoWith({ 'README.md': '# app\n' }, { validation: { commands: [{ name: 'flaky', argv: ['sh', '-c', check] }] } })
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    await h.waitForState(a.id, 'ready_to_merge')
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    const merged = await h.waitForState(a.id, 'merged')
    expect(merged.attempt).toBe(1) // never went back to the agent
    expect(fs.readFileSync(counter, 'utf8').trim()).toBe('3')
  }, 90_000)

  it('takes a landing up again, once, when a git is killed from outside half-way through a merge, and lands it', async () => {
    const { path: repo, repo: r } = await h.repoWith({ 'README.md': '# app\n' }, { landing: { strategy: 'merge' } })
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    await h.waitForState(a.id, 'ready_to_merge')
    fs.writeFileSync(path.join(repo, 'other.txt'), 'other\n')
    git(repo, 'add', 'other.txt')
    git(repo, 'commit', '-qm', 'meanwhile on main')
    // The first time, git's pre-merge-commit hook kills the merge that runs it: its result is left staged, unrecorded.
    const marker = path.join(repo, '.git', 'merge-killed')
    fs.writeFileSync(path.join(repo, '.git', 'hooks', 'pre-merge-commit'), `#!/bin/sh\n[ -f '${marker}' ] && exit 0\ntouch '${marker}'\nkill -9 $PPID\n`, { mode: 0o755 })
    await t.core.client.invoke('landing.enqueue', { runId: a.id })
    const merged = await h.waitForState(a.id, 'merged')
    expect(fs.existsSync(marker)).toBe(true)
    expect(merged.attempt).toBe(1) // never went back to the agent
    expect(git(repo, 'ls-tree', '--name-only', 'main').split('\n')).toEqual(expect.arrayContaining(['a.txt', 'other.txt']))
    // The half-merged worktree was saved before it was put back: a second landing snapshot holds it.
    expect(git(repo, 'for-each-ref', '--format=%(refname)', `refs/flightdeck/snapshots/${a.id}/`).split('\n')).toHaveLength(2)
  }, 90_000)

  it('orders the queue by priority, then by time, and refuses what cannot be queued or removed', async () => {
    const { repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    await t.core.client.invoke('landing.pause', { repoId: r.id })
    const low = await h.startRun(r.id, 'Low', writeFile('low.txt', 'l'), 'low')
    const first = await h.startRun(r.id, 'First medium', writeFile('m1.txt', 'm'))
    const second = await h.startRun(r.id, 'Second medium', writeFile('m2.txt', 'm'))
    const urgent = await h.startRun(r.id, 'Urgent', writeFile('u.txt', 'u'), 'urgent')
    for (const run of [low, first, second, urgent]) await h.waitForState(run.id, 'ready_to_merge')
    await expect(t.core.client.invoke('landing.remove', { runId: low.id })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('not in the landing queue') })
    for (const run of [low, first, second, urgent]) await t.core.client.invoke('landing.enqueue', { runId: run.id })
    // Asking again changes nothing.
    expect((await t.core.client.invoke('landing.enqueue', { runId: first.id })).position).toBe(2)
    const queue = await t.core.client.invoke('landing.list', { repoId: r.id })
    expect(queue.paused).toEqual([r.id])
    expect(queue.entries.map((e) => [e.issueTitle, e.position])).toEqual([['Urgent', 1], ['First medium', 2], ['Second medium', 3], ['Low', 4]])
    const running = await h.startRun(r.id, 'Busy', ['sh', '-c', 'sleep 30'])
    await h.waitForState(running.id, 'running')
    await expect(t.core.client.invoke('landing.enqueue', { runId: running.id })).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('is running') })
    await t.core.client.invoke('run.stop', { id: running.id })
  }, 60_000)

  it('ends the story of a cleaned-up run: no longer ready to merge, and merge says why', async () => {
    const { repo: r } = await h.repoWith({ 'README.md': '# app\n' })
    const a = await h.startRun(r.id, 'Add a', writeFile('a.txt', 'a'))
    await h.waitForState(a.id, 'ready_to_merge')
    await t.core.client.invoke('run.cleanup', { id: a.id, keepBranch: true, force: false })
    const after = await t.core.client.invoke('run.get', { id: a.id })
    expect(after.state).toBe('stopped')
    expect(after.detail).toContain('cleaned up before merging')
    await expect(t.core.client.invoke('landing.enqueue', { runId: a.id })).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('is stopped') })
    await expect(t.core.client.invoke('run.merge', { id: a.id })).rejects.toMatchObject({ code: 'refused' })
  }, 60_000)
})
