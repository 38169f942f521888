import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { blockedWork } from '../../../shared/host'
import { describeActivity, type Run } from '../../../shared/domain'

/** Health and status on real parts: shell agents in real ptys, the engine's own health tick, a reopened core. */
describe('run health and status', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true, healthIntervalMs: 150 })
  })
  afterEach(() => t.close())

  const get = (id: string, core = t.core) => core.client.invoke('run.get', { id })
  async function start(policy: object, argv: string[]): Promise<Run> {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo(undefined, { '.flightdeck/policy.json': JSON.stringify(policy) }) })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Health check' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv })
    await expect.poll(async () => (await get(run.id)).state, { timeout: 20_000 }).toBe('running')
    return get(run.id)
  }
  async function threadsOf(runId: string) {
    const threads = await t.core.client.invoke('forum.list', { runId })
    return Promise.all(threads.map((th) => t.core.client.invoke('forum.thread', { threadId: th.id })))
  }

  it('marks a silent agent stalled (blocked work, an inbox thread with its last output) and clears it when it speaks', async () => {
    const run = await start({ health: { stallSeconds: 1 } }, ['sh', '-c', 'echo "compiling the world"; sleep 60'])
    expect(run.activity).toBe('unknown')
    expect(describeActivity(run)).toMatch(/^unknown: no signal for \d+ s$/)
    let stalled: Run | undefined
    await expect.poll(async () => (stalled = await get(run.id)).activity, { timeout: 15_000, interval: 100 }).toBe('stalled')
    expect(stalled).toMatchObject({ state: 'running', activitySource: 'terminal:quiet', detail: expect.stringMatching(/^stalled: no signal and no output for \d+ s$/) })
    expect(describeActivity(stalled!)).toMatch(/^stalled, from its silent terminal \d+ s ago$/)
    expect(blockedWork([stalled!], () => 'Health check')).toEqual([expect.objectContaining({ kind: 'stalled', label: 'Health check — is stalled' })])
    await expect.poll(async () => (await threadsOf(run.id)).map((v) => v.thread.title), { timeout: 10_000 }).toEqual(['Agent stalled: Health check'])
    const [thread] = await threadsOf(run.id)
    expect(thread?.posts[0]?.body).toContain('compiling the world')

    // Output after the mark (the pty echoes what is typed) means the agent is alive: no longer stalled.
    await t.core.client.invoke('terminal.input', { sessionId: run.sessionId!, data: 'x' })
    await expect.poll(async () => (await get(run.id)).activitySource, { timeout: 10_000, interval: 50 }).toBe('terminal:output')
    expect((await threadsOf(run.id)).length).toBe(1)
  })

  it('tells the operator, once, when an agent waits at its prompt past the idle time while its run is unfinished', async () => {
    const run = await start({ health: { idleSeconds: 1 } }, ['sh', '-c', 'echo "Do you want me to go on? (y/n)"; sleep 60'])
    await t.core.client.invoke('run.signal', { id: run.id, hook: 'Notification', payload: { message: 'Claude is waiting for your input' } })
    await expect.poll(async () => (await get(run.id)).detail, { timeout: 15_000, interval: 100 }).toMatch(/^idle: waiting at its prompt for \d+ min$/)
    expect(await get(run.id)).toMatchObject({ state: 'running', activity: 'needs_input', activitySource: 'hook:Notification' })
    await expect.poll(async () => (await threadsOf(run.id)).map((v) => v.thread.title), { timeout: 10_000 }).toEqual(['Agent waiting: Health check'])
    expect((await threadsOf(run.id))[0]?.posts[0]?.body).toContain('Do you want me to go on?')
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect((await threadsOf(run.id)).length).toBe(1)
    // Work again clears the mark.
    await t.core.client.invoke('run.signal', { id: run.id, hook: 'UserPromptSubmit', payload: {} })
    await expect.poll(async () => (await get(run.id)).detail, { timeout: 5_000, interval: 50 }).toBeNull()
  })

  it('gives a compaction three stall times of silence before it counts as stuck', async () => {
    const run = await start({ health: { stallSeconds: 1 } }, ['sh', '-c', 'sleep 60'])
    const signalled = Date.now()
    await t.core.client.invoke('run.signal', { id: run.id, hook: 'PreCompact', payload: { trigger: 'auto' } })
    // The engine takes signals from the event feed, a moment after they are recorded.
    await expect.poll(async () => (await get(run.id)).activitySource, { timeout: 5_000, interval: 20 }).toBe('hook:PreCompact')
    expect((await get(run.id)).activity).toBe('working')
    await expect.poll(async () => (await get(run.id)).activity, { timeout: 20_000, interval: 100 }).toBe('stalled')
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(3_000)
  })

  it('keeps a run working while subagents work after the main turn ended, and validates when the last one ends', async () => {
    const run = await start({}, ['sh', '-c', 'echo done > a.txt && git add a.txt && git commit -qm "Add a"; sleep 60'])
    await expect.poll(() => fs.existsSync(path.join(run.worktreePath!, 'a.txt')) && execFileSync('git', ['log', '-1', '--format=%s'], { cwd: run.worktreePath!, encoding: 'utf8' }).trim(), { timeout: 10_000 }).toBe('Add a')
    for (const hook of ['SubagentStart', 'SubagentStart', 'Stop', 'SubagentStop']) await t.core.client.invoke('run.signal', { id: run.id, hook, payload: {} })
    await expect.poll(async () => (await get(run.id)).activitySource, { timeout: 5_000, interval: 20 }).toBe('hook:SubagentStop')
    expect(await get(run.id)).toMatchObject({ state: 'running', activity: 'working', detail: 'the main agent waits for 1 subagent still working' })
    await t.core.client.invoke('run.signal', { id: run.id, hook: 'SubagentStop', payload: {} })
    await expect.poll(async () => (await get(run.id)).state, { timeout: 20_000 }).toBe('ready_to_merge')
    expect((await get(run.id)).activitySource).toBe('hook:SubagentStop')
  })

  it("takes one run's signals one at a time: two Stops arriving together validate once", async () => {
    const run = await start({}, ['sh', '-c', 'echo done > a.txt && git add a.txt && git commit -qm "Add a"; sleep 60'])
    await expect.poll(() => fs.existsSync(path.join(run.worktreePath!, 'a.txt')) && execFileSync('git', ['log', '-1', '--format=%s'], { cwd: run.worktreePath!, encoding: 'utf8' }).trim(), { timeout: 10_000 }).toBe('Add a')
    await Promise.all([1, 2, 3].map(() => t.core.client.invoke('run.signal', { id: run.id, hook: 'Stop', payload: {} })))
    await expect.poll(async () => (await get(run.id)).state, { timeout: 20_000 }).toBe('ready_to_merge')
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const moves = (await t.core.client.invoke('event.forEntity', { entity: run.id })).flatMap((e) => (e.topic === 'run.updated' && (e.payload as { from?: string }).from ? [(e.payload as { run: Run }).run.state] : []))
    expect(moves.filter((to) => to === 'validating')).toEqual(['validating'])
  })

  it('restarts a crashed agent at its persisted due time across an engine restart, then escalates when the budget is spent', async () => {
    const run = await start({ health: { restartBudget: 1, restartCooldownSeconds: 2 } }, ['sh', '-c', 'echo "segfault in the parser"; sleep 0.3; exit 3'])
    let failed: Run | undefined
    await expect.poll(async () => (failed = await get(run.id)).state, { timeout: 15_000, interval: 50 }).toBe('failed')
    expect(failed).toMatchObject({ exitCode: 3, activity: 'exited', activitySource: 'process:exit', restartDueAt: expect.any(String), detail: expect.stringMatching(/exited with code 3; restarting at .* \(1 of 1\)/) })
    // The engine goes away before the cooldown ends; the next one restarts the agent when it is due, not before.
    await t.core.close()
    const due = Date.parse(failed!.restartDueAt!)
    const next = await t.reopen({ engine: true })
    await expect.poll(async () => (await get(run.id, next)).attempt, { timeout: 20_000, interval: 50 }).toBe(2)
    expect(Date.now()).toBeGreaterThanOrEqual(due)
    await expect.poll(async () => (await get(run.id, next)).state, { timeout: 20_000, interval: 50 }).toBe('failed')
    const spent = await get(run.id, next)
    expect(spent).toMatchObject({ attempt: 2, restartDueAt: null, detail: 'the agent exited with code 3' })
    await expect.poll(async () => (await next.client.invoke('forum.list', { runId: run.id })).map((th) => th.title), { timeout: 10_000 }).toEqual(['Agent failed: Health check'])
    const [thread] = await next.client.invoke('forum.list', { runId: run.id })
    const view = await next.client.invoke('forum.thread', { threadId: thread!.id })
    expect(view.posts[0]?.body).toMatch(/exited with code 3; its restart budget \(1\) is spent[\s\S]*segfault in the parser/)
  })
})
