import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { geminiBin, prepareGeminiHome, testApiKey } from '../fixtures/gemini-api/gemini-harness'
import { type GeminiServer, startGeminiServer } from '../fixtures/gemini-api/gemini-server'
import { conversationText, functionResults, lastUserText, unwrapped } from '../fixtures/gemini-api/inspect'
import type { RecordedRequest, Turn } from '../fixtures/gemini-api/types'
import { stopPtyHost } from '../fixtures/serve'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

function worktreeOf(request: RecordedRequest): string {
  const match = /git worktree (\S+) \(its own branch\)/.exec(conversationText(request))
  if (!match?.[1]) throw new Error('the briefing did not name the worktree')
  return match[1]
}

const continuation = 'Flightdeck restarted you: check that hello.txt is committed, then finish.'

/** ask_operator -> write_file with the answer -> git commit via the shell tool -> a reply held until the pty host dies. */
function scenario(held: Promise<void>): Turn[] {
  let worktree = ''
  return [
    (request) => ((worktree = worktreeOf(request)), { text: 'I need a decision first.', call: 'ask_operator', args: { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] } }),
    Object.assign((request: RecordedRequest) => ({ text: 'Writing it.', call: 'write_file', args: { file_path: path.join(worktree, 'hello.txt'), content: `${unwrapped(functionResults(request)[0]?.text ?? '?')}\n` } }), { waitFor: { functionResponse: true } }),
    { waitFor: { functionResponse: true }, call: 'run_shell_command', args: { command: 'git add hello.txt && git commit -m "Add hello.txt"', description: 'Commit' } },
    // The agent is mid-turn (a model call in flight) when its pty host is killed.
    Object.assign(async () => (await held, { text: 'never delivered' }), { waitFor: { functionResponse: true } }),
    { waitFor: { text: continuation }, text: 'hello.txt is committed; the work is done.' }
  ]
}

describe('a run of the real Gemini CLI against the scripted Gemini API', () => {
  let t: TestCore | undefined
  let server: GeminiServer | undefined
  let release = () => {}
  beforeAll(() => {
    // Sandboxed agents get a private /tmp; the Gemini home and test folders must be reachable inside it.
    process.env.TMPDIR = '/var/tmp'
  })
  afterEach(async () => {
    release()
    await t?.close()
    await server?.close()
    delete process.env.GEMINI_CLI_HOME
  })

  it('asks the operator through MCP, commits through its own tools, reports by hooks, and resumes its own conversation after a pty-host kill', async () => {
    t = await startTestCore({ engine: true })
    server = await startGeminiServer({ scenario: scenario(new Promise<void>((resolve) => (release = resolve))) })
    // The user's Gemini home (as a user who chose API-key sign-in once); each run gets a copy of its settings.
    process.env.GEMINI_CLI_HOME = prepareGeminiHome(path.join(t.dir, 'user-gemini'))
    const policy = { agents: { profiles: { gemini: { argv: [geminiBin], env: { GEMINI_API_KEY: testApiKey, GOOGLE_GEMINI_BASE_URL: server.url } } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const client = t.core.client
    const get = (id: string): Promise<Run> => client.invoke('run.get', { id })

    const r = await client.invoke('repo.add', { path: repo })
    const issue = await client.invoke('issue.create', { repoId: r.id, title: 'Greet', acceptanceCriteria: ['hello.txt holds the greeting the operator chose'] })
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'gemini' })

    await expect.poll(async () => (await get(run.id)).state, { timeout: 90_000, interval: 250 }).toBe('waiting')
    const first = server.requests.find((q) => q.kind === 'main')!
    expect(conversationText(first)).toContain('hello.txt holds the greeting the operator chose')
    const asking = await get(run.id)
    expect(asking.activity).toBe('needs_input')
    expect(asking.agentSessionId).toMatch(/^[0-9a-f-]{36}$/)
    const [thread] = await client.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ kind: 'question', state: 'waiting_operator', channel: 'mcp', options: ['hello', 'howdy'] })
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect((await get(run.id)).state).toBe('waiting')

    await client.invoke('forum.answer', { threadId: thread!.id, text: 'howdy' })
    await expect.poll(() => server!.requests.find((q) => q.turn === 3), { timeout: 90_000, interval: 250 }).toBeDefined()
    expect(functionResults(server.requests.find((q) => q.turn === 3)!)[0]?.name).toBe('run_shell_command')
    const afterAsk = server.requests.find((q) => q.turn === 1)!
    expect(functionResults(afterAsk)[0]).toMatchObject({ name: 'mcp_flightdeck_ask_operator', text: '<untrusted_context>\nhowdy\n</untrusted_context>' })
    const worktree = (await get(run.id)).worktreePath as string
    expect(fs.readFileSync(path.join(worktree, 'hello.txt'), 'utf8')).toBe('howdy\n')
    expect(git(worktree, 'log', '-1', '--format=%s')).toBe('Add hello.txt')
    const working = await get(run.id)
    expect(working).toMatchObject({ state: 'running', activity: 'working' })

    stopPtyHost(t.home)
    await expect.poll(async () => (await get(run.id)).state, { timeout: 30_000, interval: 250 }).toBe('lost')
    const sessionId = (await get(run.id)).agentSessionId
    const before = server.requests.length
    const resumed = await client.invoke('run.resume', { id: run.id, prompt: continuation })
    expect(resumed.argv).toEqual(expect.arrayContaining(['--resume', sessionId, '--prompt-interactive', continuation]))

    let done: Run | undefined
    await expect.poll(async () => (done = await get(run.id)).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')
    const again = server.requests.slice(before).find((q) => q.turn === 4)!
    expect(lastUserText(again)).toContain(continuation)
    // The same conversation: the briefing, the operator's answer and the commit came back with the resumed request.
    expect(conversationText(again)).toContain('hello.txt holds the greeting the operator chose')
    expect(JSON.stringify(again.body.contents)).toContain('Add hello.txt')
    expect(functionResults(afterAsk)[0]?.text).toContain('howdy')
    expect(JSON.stringify(again.body.contents)).toContain('howdy')
    expect(done).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop', agentSessionId: sessionId, attempt: 2 })

    const events = await client.invoke('event.list', { afterSeq: 0, limit: 10_000 })
    const hooks = events.filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)
    expect(hooks.filter((h) => h === 'SessionStart')).toHaveLength(2)
    expect(hooks).toEqual(expect.arrayContaining(['UserPromptSubmit', 'Stop']))
    expect(server.errors).toEqual([])

    // Merging ends the idle agent; its exit is handled (the session is no longer live).
    await client.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8')).toBe('howdy\n')
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 240_000)
})
