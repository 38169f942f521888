import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import type { Client } from '../../src/shared/transport'
import { cliRunner } from '../fixtures/cli'
import { type TestCore, startTestCore } from '../fixtures/core'

process.env.TMPDIR = '/var/tmp'
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const sleeper = { agent: 'shell', argv: ['sleep', '120'] }

async function running(c: Client, id: string): Promise<Run> {
  let run: Run | undefined
  await expect.poll(async () => (run = await c.invoke('run.get', { id })).state, { timeout: 30_000 }).toBe('running')
  return run!
}

/** What a failed call says, as data. */
async function failure(work: Promise<unknown>): Promise<{ code: string; message: string; path?: string }> {
  return work.then(
    () => ({ code: 'none', message: 'it succeeded' }),
    (e: { code: string; message: string; path?: string }) => ({ code: e.code, message: e.message, path: e.path })
  )
}

/** A run's branch can start at another branch's tip or at another run's checkpoint; the base stays the landing target. */
describe('branch model: start from a branch, fork from a checkpoint', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('a run from a branch sees its files; a fork from checkpoint 1 sees exactly those files and lands on the base', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('forks', { 'README.md': '# forks\n' })
    git(repo, 'checkout', '-q', '-b', 'feature/login')
    fs.writeFileSync(path.join(repo, 'login.txt'), 'login form\n')
    git(repo, 'add', 'login.txt')
    git(repo, 'commit', '-qm', 'login form')
    const featureTip = git(repo, 'rev-parse', 'HEAD')
    git(repo, 'checkout', '-q', 'main')
    const r = await c.invoke('repo.add', { path: repo })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Login' })

    const fromBranch = await c.invoke('run.start', { issueId: issue.id, ...sleeper, from: { branch: 'feature/login' } })
    expect(fromBranch.startPoint).toEqual({ branch: 'feature/login', commit: featureTip })
    const onBranch = await running(c, fromBranch.id)
    expect(onBranch.baseBranch).toBe('main')
    expect(onBranch.branch).toMatch(/^fd\/login-/)
    expect(git(onBranch.worktreePath!, 'rev-parse', 'HEAD')).toBe(featureTip)
    expect(fs.readFileSync(path.join(onBranch.worktreePath!, 'login.txt'), 'utf8')).toBe('login form\n')
    expect(git(repo, 'rev-parse', 'feature/login')).toBe(featureTip) // the start branch itself is not moved

    // Two turns in the source run: checkpoint 1 holds a commit and an uncommitted draft, checkpoint 2 more.
    const wt = onBranch.worktreePath!
    fs.writeFileSync(path.join(wt, 'kept.txt'), 'kept\n')
    git(wt, 'add', 'kept.txt')
    git(wt, 'commit', '-qm', 'kept')
    const keptHead = git(wt, 'rev-parse', 'HEAD')
    fs.writeFileSync(path.join(wt, 'draft.txt'), 'one\n')
    const turn = async (prompt: string, count: number) => {
      await c.invoke('run.signal', { id: fromBranch.id, hook: 'UserPromptSubmit', payload: { prompt } })
      await expect.poll(async () => (await c.invoke('run.checkpoints', { id: fromBranch.id })).length, { timeout: 15_000 }).toBe(count)
    }
    await turn('write a draft', 1)
    fs.writeFileSync(path.join(wt, 'draft.txt'), 'two\n')
    fs.writeFileSync(path.join(wt, 'later.txt'), 'later\n')
    fs.rmSync(path.join(wt, 'login.txt'))
    await turn('go on', 2)
    const [first] = await c.invoke('run.checkpoints', { id: fromBranch.id })

    // The fork's agent adds one commit and exits; the run then waits to land on main.
    const work = ['sh', '-c', 'echo fork > fork.txt && git add fork.txt && git commit -qm fork']
    const fork = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: work, from: { runId: fromBranch.id, checkpoint: 1 } })
    expect(fork.startPoint).toMatchObject({ runId: fromBranch.id, checkpoint: 1 })
    let forked: Run | undefined
    await expect.poll(async () => (forked = await c.invoke('run.get', { id: fork.id })).state, { timeout: 30_000 }).toBe('ready_to_merge')
    const fwt = forked!.worktreePath!
    expect(forked!.baseBranch).toBe('main')
    // It started at exactly checkpoint 1's files, as one commit on the source's HEAD of then (the agent's is on top).
    expect(git(fwt, 'rev-parse', 'HEAD~1^{tree}')).toBe(git(repo, 'rev-parse', `${first!.commit}^{tree}`))
    expect(git(fwt, 'rev-parse', 'HEAD~2')).toBe(keptHead)
    expect(git(fwt, 'ls-tree', '-r', '--name-only', 'HEAD~1').split('\n').sort()).toEqual(['README.md', 'draft.txt', 'kept.txt', 'login.txt'])
    expect(git(fwt, 'show', 'HEAD~1:draft.txt')).toBe('one')
    expect(fs.existsSync(path.join(fwt, 'later.txt'))).toBe(false)
    expect(git(repo, 'for-each-ref', '--merged', forked!.branch!, 'refs/flightdeck/')).toBe('')
    // Where it started is recorded on the run and in its created event, and shown by `run show`.
    const events = await c.invoke('event.forEntity', { entity: fork.id })
    expect(events.find((e) => e.topic === 'run.created')?.payload).toMatchObject({ run: { startPoint: { runId: fromBranch.id, checkpoint: 1 } } })
    const cli = cliRunner(() => t!.reopen())
    expect((await cli('run', 'show', fork.id)).stdout).toContain(`started from: checkpoint 1 of run ${fromBranch.id} (${fork.startPoint!.commit.slice(0, 10)})`)
    expect((await cli('run', 'show', fromBranch.id)).stdout).toContain(`started from: branch feature/login at ${featureTip.slice(0, 10)}`)
    // It lands on the base, not on the branch or run it started from.
    await c.invoke('run.merge', { id: fork.id })
    expect(git(repo, 'show', 'main:draft.txt')).toBe('one')
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main').split('\n').sort()).toEqual(['README.md', 'draft.txt', 'fork.txt', 'kept.txt', 'login.txt'])
    expect(git(repo, 'rev-parse', 'feature/login')).toBe(featureTip)
    await c.invoke('run.stop', { id: fromBranch.id })
  })

  it('refuses a missing branch, an unknown run, an unknown or deleted checkpoint and another repository, leaving nothing behind', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('refusals')
    const r = await c.invoke('repo.add', { path: repo })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Refusals' })
    const source = await c.invoke('run.start', { issueId: issue.id, ...sleeper })
    const wt = (await running(c, source.id)).worktreePath!
    fs.writeFileSync(path.join(wt, 'a.txt'), 'a\n')
    await c.invoke('run.signal', { id: source.id, hook: 'UserPromptSubmit', payload: { prompt: 'a' } })
    await expect.poll(async () => (await c.invoke('run.checkpoints', { id: source.id })).length, { timeout: 15_000 }).toBe(1)
    fs.writeFileSync(path.join(wt, 'b.txt'), 'b\n')
    await c.invoke('run.signal', { id: source.id, hook: 'UserPromptSubmit', payload: { prompt: 'b' } })
    await expect.poll(async () => (await c.invoke('run.checkpoints', { id: source.id })).length, { timeout: 15_000 }).toBe(2)
    git(repo, 'update-ref', '-d', `refs/flightdeck/checkpoints/${source.id}/2`)
    const other = await c.invoke('repo.add', { path: t.gitRepo('other') })
    const otherIssue = await c.invoke('issue.create', { repoId: other.id, title: 'Elsewhere' })

    const state = () => ({ branches: git(repo, 'branch', '--list'), worktrees: git(repo, 'worktree', 'list'), objects: git(repo, 'count-objects') })
    const before = state()
    const runsBefore = (await c.invoke('run.list', {})).length
    const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    const start = (from: unknown, issueId = issue.id) => failure(c.invoke('run.start', { issueId, ...sleeper, from } as never))

    expect(await start({ branch: 'no-such-branch' })).toMatchObject({ code: 'not_found', path: 'from.branch', message: expect.stringContaining("'no-such-branch'") })
    expect(await start({ branch: '-x' })).toMatchObject({ code: 'invalid_input', path: 'from.branch' })
    expect(await start({ runId: ghost, checkpoint: 1 })).toMatchObject({ code: 'not_found', path: 'from.runId', message: expect.stringContaining(ghost) })
    expect(await start({ runId: source.id, checkpoint: 7 })).toMatchObject({ code: 'not_found', path: 'from.checkpoint', message: expect.stringMatching(/no checkpoint 7 .*it has 1$/) })
    expect(await start({ runId: source.id, checkpoint: 2 })).toMatchObject({ code: 'not_found', path: 'from.checkpoint', message: expect.stringMatching(/checkpoints\/.*\/2 was deleted/) })
    expect(await start({ runId: source.id, checkpoint: 1 }, otherIssue.id)).toMatchObject({ code: 'refused', path: 'from.runId' })
    expect(state()).toEqual(before)
    expect((await c.invoke('run.list', {})).length).toBe(runsBefore)

    // The CLI: the same refusals, exit 2 for what the command line got wrong, 1 for what does not exist.
    const cli = cliRunner(() => t!.reopen())
    const noBranch = await cli('run', 'start', issue.id, '--agent', 'shell', '--from-branch', 'no-such-branch', '--', 'sleep', '1')
    expect(noBranch).toMatchObject({ code: 1, stderr: expect.stringContaining("Branch 'no-such-branch' does not exist") })
    expect(await cli('run', 'start', issue.id, '--agent', 'shell', '--from-branch', 'a..b', '--', 'sleep', '1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/from\.branch/) })
    expect((await cli('run', 'start', issue.id, '--fork', 'not-a-fork', '--', 'sleep', '1')).code).toBe(2)
    expect((await cli('run', 'start', issue.id, '--fork', `${source.id}:0`, '--', 'sleep', '1')).code).toBe(2)
    expect((await cli('run', 'start', issue.id, '--fork', `${source.id}:1`, '--from-branch', 'main', '--', 'sleep', '1')).code).toBe(2)
    expect((await cli('run', 'start', issue.id, '--agent', 'shell', '--fork', `${source.id}:9`, '--', 'sleep', '1'))).toMatchObject({ code: 1, stderr: expect.stringMatching(/no checkpoint 9/) })
    expect(state()).toEqual(before)
    expect((await c.invoke('run.list', {})).length).toBe(runsBefore)

    const forked = await cli('run', 'start', issue.id, '--agent', 'shell', '--fork', `${source.id}:1`, '--json', '--', 'sleep', '120')
    expect(forked.code).toBe(0)
    const fork = await running(c, JSON.parse(forked.stdout).id)
    expect(fs.readFileSync(path.join(fork.worktreePath!, 'a.txt'), 'utf8')).toBe('a\n')
    expect(fs.existsSync(path.join(fork.worktreePath!, 'b.txt'))).toBe(false)
    await c.invoke('run.stop', { id: source.id })
    await c.invoke('run.stop', { id: fork.id })
  })

  it('a queued run keeps its start point across a restart of the app and launches from it', async () => {
    t = await startTestCore({ engine: true })
    const c = t.core.client
    const repo = t.gitRepo('queued')
    git(repo, 'checkout', '-q', '-b', 'topic')
    fs.writeFileSync(path.join(repo, 'topic.txt'), 'topic\n')
    git(repo, 'add', 'topic.txt')
    git(repo, 'commit', '-qm', 'topic')
    git(repo, 'checkout', '-q', 'main')
    const r = await c.invoke('repo.add', { path: repo })
    const blocker = await c.invoke('issue.create', { repoId: r.id, title: 'First' })
    const issue = await c.invoke('issue.create', { repoId: r.id, title: 'Queued', dependsOn: [blocker.id] })
    // Held by its dependency, the run stays queued across the app's restart, as when the app quits before it starts.
    const queued = await c.invoke('run.start', { issueId: issue.id, ...sleeper, from: { branch: 'topic' } })
    expect(queued.state).toBe('queued')
    await t.core.close()
    const engine = await t.reopen({ engine: true })
    await engine.client.invoke('issue.update', { id: issue.id, dependsOn: [] })
    const started = await running(engine.client, queued.id)
    expect(fs.readFileSync(path.join(started.worktreePath!, 'topic.txt'), 'utf8')).toBe('topic\n')
    expect(started.startPoint).toEqual({ branch: 'topic', commit: git(repo, 'rev-parse', 'topic') })
    await engine.client.invoke('run.stop', { id: queued.id })
  })
})
