import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { stopPtyHost } from '../fixtures/serve'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { lastUserText } from '../fixtures/model-server/request-inspect'
import type { RecordedRequest } from '../fixtures/model-server/types'

// Sandboxed agents: the data folder and worktrees outside /tmp, which each sandbox gets a fresh one of (as the
// other sandboxed agent tests do; see docs/testing.md).
process.env.TMPDIR = '/var/tmp'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/**
 * The status traps of a real Claude Code TUI: an interrupt (Esc) fires no hook, and a manual /compact fires
 * PreCompact and PostCompact but no Stop.
 */
describe('the status of a real Claude Code run through its traps', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('shows an interrupt as waiting at the prompt, a manual compaction as idle, and goes on to ready_to_merge', async () => {
    t = await startTestCore({ engine: true })
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let worktree = ''
    server = await startModelServer({
      scenario: [
        // The first answer never comes in time: the operator interrupts it.
        async (request: RecordedRequest) => {
          worktree = /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))?.[1] ?? ''
          await held
          return { text: 'too late' }
        }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify({ agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Add notes.txt' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id })
    const get = () => t!.core.client.invoke('run.get', { id: run.id })
    const hooksSoFar = async () => (await t!.core.client.invoke('event.list', { afterSeq: 0, limit: 10_000 })).filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)
    const type = async (text: string) => {
      await t!.core.client.invoke('terminal.input', { sessionId: (await get()).sessionId!, data: text })
      await new Promise((resolve) => setTimeout(resolve, 400))
      await t!.core.client.invoke('terminal.input', { sessionId: (await get()).sessionId!, data: '\r' })
    }

    await server.waitForRequest((req) => req.kind === 'main', 60_000)
    let now: Run | undefined
    await expect.poll(async () => (now = await get()).activity, { timeout: 30_000, interval: 100 }).toBe('working')
    expect(now?.activitySource).toBe('hook:UserPromptSubmit')
    expect(now?.agentSessionId).toMatch(/^[0-9a-f-]{36}$/)

    // Esc, as a person presses it to stop a turn.
    await t.core.client.invoke('terminal.input', { sessionId: now!.sessionId!, data: '\x1b' })
    await expect.poll(async () => (now = await get()).activitySource, { timeout: 10_000, interval: 50 }).toBe('terminal:interrupt')
    expect(now).toMatchObject({ state: 'running', activity: 'idle' })
    // Had the turn gone on, the held answer would end it now with a Stop hook; an interrupted turn fires none.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    release()
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(await hooksSoFar()).not.toContain('Stop')

    server.setScenario([
      { waitFor: (req: RecordedRequest) => lastUserText(req).includes('carry on'), tool: 'Write', input: { file_path: path.join(worktree, 'notes.txt'), content: 'notes\n' } },
      { waitFor: { toolResult: true }, tool: 'Bash', input: { command: 'git add notes.txt && git commit -m "Add notes.txt"', description: 'Commit' } },
      { waitFor: { toolResult: true }, text: 'Added notes.txt.' }
    ])
    await type('carry on')
    await expect.poll(async () => (now = await get()).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')
    expect(now).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop' })
    expect(git(now!.worktreePath!, 'log', '-1', '--format=%s')).toBe('Add notes.txt')

    // A manual /compact at the prompt: PreCompact and PostCompact fire, no Stop; the agent is idle again after it.
    const stops = (await hooksSoFar()).filter((h) => h === 'Stop').length
    server.setScenario([() => ({ text: '<summary>The task was to add notes.txt; it is committed.</summary>' })])
    await type('/compact')
    await expect.poll(async () => (now = await get()).activitySource, { timeout: 60_000, interval: 100 }).toBe('hook:PostCompact')
    expect(now).toMatchObject({ state: 'ready_to_merge', activity: 'idle' })
    expect(await hooksSoFar()).toContain('PreCompact')
    expect((await hooksSoFar()).filter((h) => h === 'Stop').length).toBe(stops)
    expect(server.errors).toEqual([])
  }, 240_000)

  it('resumes its own conversation by id after a pty-host kill, told to go on, and reaches ready_to_merge with no typing', async () => {
    t = await startTestCore({ engine: true })
    let worktree = ''
    let killed: () => void = () => undefined
    const held = new Promise<void>((resolve) => (killed = resolve))
    let thinking: () => void = () => undefined
    const second = new Promise<void>((resolve) => (thinking = resolve))
    server = await startModelServer({
      scenario: [
        (request: RecordedRequest) => {
          worktree = /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))?.[1] ?? ''
          return { text: 'Writing the notes first.', tool: 'Write', input: { file_path: path.join(worktree, 'notes.txt'), content: 'notes\n' } }
        },
        // The pty host dies while the model is thinking about the next step.
        Object.assign(async () => (thinking(), await held, { text: 'lost' }), { waitFor: { toolResult: true } }),
        { waitFor: (req: RecordedRequest) => lastUserText(req).includes('pick up where you left off'), tool: 'Bash', input: { command: 'git add notes.txt && git commit -m "Add notes.txt"', description: 'Commit' } },
        { waitFor: { toolResult: true }, text: 'Committed notes.txt.' }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify({ agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Add notes.txt' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id })
    const get = () => t!.core.client.invoke('run.get', { id: run.id })

    await second
    const conversation = (await get()).agentSessionId
    expect(conversation).toMatch(/^[0-9a-f-]{36}$/)
    stopPtyHost(t.home)
    killed()
    await expect.poll(async () => (await get()).state, { timeout: 30_000, interval: 250 }).toBe('lost')

    const resumed = await t.core.client.invoke('run.resume', { id: run.id, prompt: 'The machine restarted: pick up where you left off and commit.' })
    expect(resumed.argv).toEqual(expect.arrayContaining(['--resume', conversation!, 'The machine restarted: pick up where you left off and commit.']))
    // Until the resumed agent reports, nothing is known: not "working" on a guess.
    expect(resumed).toMatchObject({ state: 'running', activity: 'unknown', activitySource: 'process:start' })
    let now: Run | undefined
    await expect.poll(async () => ['ready_to_merge', 'failed', 'stopped'].includes((now = await get()).state), { timeout: 120_000, interval: 250 }).toBe(true)
    expect(now!.state, `the resumed run: ${now!.detail} (exit ${now!.exitCode})`).toBe('ready_to_merge')
    expect(now).toMatchObject({ attempt: 2, agentSessionId: conversation, activity: 'idle', activitySource: 'hook:Stop' })
    expect(git(now!.worktreePath!, 'log', '-1', '--format=%s')).toBe('Add notes.txt')
    // The same conversation came back: the first turn's Write is in the resumed request.
    const after = server.requests.find((req) => req.kind === 'main' && lastUserText(req).includes('pick up where you left off'))
    expect(JSON.stringify(after?.body.messages)).toContain('Writing the notes first.')
    expect(server.errors).toEqual([])
  }, 300_000)
})
