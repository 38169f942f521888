import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { conversationText, lastUserText, toolNames, toolResults } from '../fixtures/openai-chat/chat-inspect'
import { type ChatServer, startChatServer } from '../fixtures/openai-chat/chat-server'
import { opencodeBin, opencodeHome } from '../fixtures/openai-chat/opencode-harness'
import type { ChatTurn, RecordedChatRequest, StaticChatTurn } from '../fixtures/openai-chat/types'
import { stopPtyHost } from '../fixtures/serve'

// Repositories and the data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const afterTool = <T extends ChatTurn>(turn: T): T => Object.assign(turn, { waitFor: { toolResult: true } })

function worktreeOf(request: RecordedChatRequest): string {
  const match = /git worktree (\S+) \(its own branch\)/.exec(conversationText(request))
  if (!match?.[1]) throw new Error('the briefing did not name the worktree')
  return match[1]
}

describe('a run of the real opencode TUI against the scripted Chat Completions API', () => {
  let t: TestCore | undefined
  let server: ChatServer | undefined
  let release: (() => void) | undefined
  afterEach(async () => {
    release?.()
    await t?.close()
    await server?.close()
  })

  it('asks the operator through Flightdeck MCP, commits through its own tools, reports status from its plugin, and resumes its own session by id after a pty-host kill', async () => {
    t = await startTestCore({ engine: true })
    const client = t.core.client
    server = await startChatServer()
    let worktree = ''
    const held = new Promise<StaticChatTurn>((resolve) => (release = () => resolve({ text: 'Interrupted.' })))
    const askTurn = (request: RecordedChatRequest): StaticChatTurn => {
      worktree ||= worktreeOf(request)
      if (toolNames(request.body).includes('flightdeck_ask_operator')) return { text: 'I need a decision first.', tool: 'ask_operator', input: { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] } }
      // MCP tools not offered yet: wait a moment and ask again.
      server!.setScenario([askTurn, ...firstRun])
      return { tool: 'bash', input: { command: 'sleep 1' } }
    }
    const firstRun: ChatTurn[] = [
      afterTool((request: RecordedChatRequest) => ({ text: 'Writing it.', tool: 'write', input: { filePath: `${worktree}/hello.txt`, content: `${toolResults(request)[0]?.text ?? '?'}\n` } })),
      afterTool(() => ({ tool: 'bash', input: { command: 'git add hello.txt && git commit -m "Add hello.txt"' } })),
      // The agent is mid-turn when its pty host dies: this reply never comes.
      afterTool(() => held)
    ]
    server.setScenario([askTurn, ...firstRun])

    const env = opencodeHome(path.join(t.dir, 'opencode-home'), server.baseUrl)
    const policy = { agents: { default: 'opencode', profiles: { opencode: { argv: [opencodeBin], env } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const r = await client.invoke('repo.add', { path: repo })
    const issue = await client.invoke('issue.create', { repoId: r.id, title: 'Add hello.txt', acceptanceCriteria: ['hello.txt holds the greeting the operator chose'] })
    const startedAt = Date.now()
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'opencode' })
    expect(run.agentProfile).toBe('opencode')
    const confined = (await client.invoke('event.forEntity', { entity: run.id })).find((e) => e.topic === 'run.confined')
    expect(confined?.payload).toMatchObject({ confinement: { mode: 'workspace', tool: 'bwrap' } })

    // The question blocks the run until the operator answers it through the core API.
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('waiting')
    const first = server.requests.find((q) => q.kind === 'main')!
    expect(lastUserText(first)).toContain('hello.txt holds the greeting the operator chose')
    const [thread] = await client.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ kind: 'question', state: 'waiting_operator', channel: 'mcp', title: 'Which greeting should hello.txt contain?' })
    // The plugin's signals run the CLI one after another; under load they may trail the model's first call.
    // A busy signal arriving late does not hide the question: the run waits, from the agent's ask_operator call.
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).agentSessionId, { timeout: 30_000 }).toMatch(/^ses_/)
    const waiting = await client.invoke('run.get', { id: run.id })
    expect(waiting).toMatchObject({ state: 'waiting', activity: 'needs_input', activitySource: 'mcp:ask_operator' })
    await client.invoke('forum.answer', { threadId: thread!.id, text: 'howdy' })

    const commit = await server.waitForRequest((q) => q.kind === 'main' && toolResults(q).some((x) => x.text.includes('Add hello.txt')), 90_000)
    expect(server.requests.some((q) => toolResults(q).some((x) => x.text === 'howdy')), 'the answer reached the model as the tool result').toBe(true)
    // Working again from the operator's answer (or the plugin's busy signal, when its queue trailed the question).
    await expect.poll(async () => client.invoke('run.get', { id: run.id }), { timeout: 30_000 }).toMatchObject({ state: 'running', activity: 'working', activitySource: expect.stringMatching(/^(operator:answer|hook:UserPromptSubmit)$/) })
    const before = await client.invoke('run.get', { id: run.id })
    expect(git(before.worktreePath!, 'log', '-1', '--format=%s')).toBe('Add hello.txt')
    expect(fs.readFileSync(path.join(before.worktreePath!, 'hello.txt'), 'utf8')).toBe('howdy\n')

    // The pty host dies with the agent mid-turn; the operator resumes with a continuation prompt.
    stopPtyHost(t.home)
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).state, { timeout: 30_000, interval: 250 }).toBe('lost')
    const continuation = 'Flightdeck resumed you: also add bye.txt, commit it, and finish.'
    server.setScenario([
      { waitFor: { text: continuation }, text: 'Adding bye.txt.', tool: 'write', input: { filePath: `${worktree}/bye.txt`, content: 'bye\n' } },
      afterTool(() => ({ tool: 'bash', input: { command: 'git add bye.txt && git commit -m "Add bye.txt"' } })),
      afterTool({ text: 'Added and committed bye.txt.' })
    ])
    const seen = server.requests.length
    const resumed = await client.invoke('run.resume', { id: run.id, prompt: continuation })
    expect(resumed).toMatchObject({ state: 'running', attempt: 2, agentSessionId: waiting.agentSessionId })

    let latest: Run | undefined
    await expect.poll(async () => (latest = await client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')
    expect(latest).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop', agentSessionId: waiting.agentSessionId })
    expect(git(latest!.worktreePath!, 'log', '--format=%s', '-2')).toBe('Add bye.txt\nAdd hello.txt')
    const again = server.requests.slice(seen).find((q) => q.kind === 'main' && lastUserText(q).includes(continuation))
    expect(again, 'the continuation prompt reached the model').toBeDefined()
    // The same conversation: the earlier question, its answer and the first commit are in the resumed request.
    expect(conversationText(again!)).toContain('Which greeting should hello.txt contain?')
    expect(conversationText(again!)).toContain('howdy')
    expect(conversationText(again!)).toContain(lastUserText(commit).slice(0, 40))

    const hooks = (await client.invoke('event.list', { afterSeq: 0, limit: 10_000 })).filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)
    expect(hooks).toEqual(expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'Stop']))
    expect(server.errors).toEqual([])
    if (process.env.FD_TIMINGS) {
      const at = (q: RecordedChatRequest | undefined) => (q ? `${((q.at - startedAt) / 1000).toFixed(1)} s` : '-')
      console.log(`opencode e2e: first request ${at(first)}, commit result ${at(commit)}, resumed request ${at(again)}, ready ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
    }

    const screen = await client.invoke('terminal.open', { runId: run.id })
    expect(screen.scrollback).toContain('Added and committed bye.txt.')
    await client.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'bye.txt'), 'utf8')).toBe('bye\n')
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 240_000)
})
