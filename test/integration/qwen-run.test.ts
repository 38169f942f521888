import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { conversationText, lastUserText, toolNames, toolResults } from '../fixtures/qwen-openai/inspect'
import { isQwenMain, prepareQwenUserHome, qwenBin, qwenEnv } from '../fixtures/qwen-openai/qwen-harness'
import { type ChatServer, startChatServer } from '../fixtures/qwen-openai/server'
import type { ChatReply, ChatRequest, ChatTurn } from '../fixtures/qwen-openai/types'
import { stopPtyHost } from '../fixtures/serve'
import { sandboxSupport } from '../../src/main/core/sandbox/sandbox-support'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const afterTool = (reply: (r: ChatRequest) => ChatReply | Promise<ChatReply>): ChatTurn => Object.assign(reply, { waitFor: (r: ChatRequest) => toolResults(r).length > 0 })
const resumePrompt = 'Flightdeck resumed you: commit hello.txt, then say you are finished.'

function worktreeOf(request: ChatRequest): string {
  const match = /git worktree (\S+) \(its own branch\)/.exec(conversationText(request))
  if (!match?.[1]) throw new Error('the briefing did not name the worktree')
  return match[1]
}

describe('a run of the real Qwen Code CLI against the scripted Chat Completions server', () => {
  let t: TestCore | undefined
  let server: ChatServer | undefined
  const savedTmp = process.env.TMPDIR
  const savedHome = process.env.QWEN_HOME
  afterEach(async () => {
    await t?.close()
    await server?.close()
    process.env.TMPDIR = savedTmp
    process.env.QWEN_HOME = savedHome
  })

  it('asks the operator through MCP, writes with its own tools, survives a pty-host kill and resumes its conversation by id to ready_to_merge', async () => {
    // The sandbox gives the agent a private /tmp: the run's folders must live elsewhere.
    process.env.TMPDIR = '/var/tmp'
    t = await startTestCore({ engine: true })
    // The "user's" Qwen home the run's own home is built from (never the real ~/.qwen).
    process.env.QWEN_HOME = prepareQwenUserHome(path.join(t.dir, 'user-qwen'))
    let worktree = ''
    let releaseKill: () => void = () => undefined
    const killed = new Promise<void>((resolve) => (releaseKill = resolve))
    let hostKill: (() => void) | undefined
    // Qwen Code offers MCP tools only once a tool_search selects them (and its servers connect in the background):
    // select it, and until it is offered wait a moment and select again.
    const askTurn: ChatTurn = (request) => {
      worktree ||= worktreeOf(request)
      if (toolNames(request.body).includes('mcp__flightdeck__ask_operator')) return { text: 'I need a decision first.', toolCalls: [{ name: 'ask_operator', args: { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] } }] }
      server!.setScenario([askTurn, ...rest])
      const searched = request.body.messages?.some((m) => m.tool_calls?.some((c) => c.function.name === 'tool_search'))
      return { toolCalls: [searched ? { name: 'run_shell_command', args: { command: 'sleep 1', description: 'wait for tools' } } : { name: 'tool_search', args: { query: 'select:mcp__flightdeck__ask_operator' } }] }
    }
    const rest: ChatTurn[] = [
      afterTool((r) => ({ text: 'Writing it.', toolCalls: [{ name: 'write_file', args: { file_path: path.join(worktree, 'hello.txt'), content: `${toolResults(r)[0]?.text.includes('howdy') ? 'howdy' : '?'}\n` } }] })),
      // The file is written; before the model answers, the pty host dies (the reply never arrives).
      afterTool(async () => {
        hostKill?.()
        await killed
        return { text: 'unreachable' }
      }),
      Object.assign(() => ({ toolCalls: [{ name: 'run_shell_command', args: { command: 'git add hello.txt && git commit -m "Add hello.txt"', description: 'commit' } }] }), { waitFor: (r: ChatRequest) => lastUserText(r).includes(resumePrompt) }),
      afterTool(() => ({ text: 'Committed hello.txt; finished.' }))
    ]
    server = await startChatServer({ scenario: [askTurn, ...rest], isMain: isQwenMain })
    const policy = { agents: { default: 'qwen-code', profiles: { 'qwen-code': { argv: [qwenBin], env: qwenEnv(server.url) } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const api = t.core.client
    const r = await api.invoke('repo.add', { path: repo })
    const issue = await api.invoke('issue.create', { repoId: r.id, title: 'Greet the visitor', acceptanceCriteria: ['hello.txt holds the greeting the operator picks'] })
    const run = await api.invoke('run.start', { issueId: issue.id })
    expect(run.agentProfile).toBe('qwen-code')
    const get = () => api.invoke('run.get', { id: run.id })
    // On a timeout, what the agent showed and what the model was asked say why.
    const until = (state: Run['state']) =>
      expect.poll(async () => (await get()).state, { timeout: 120_000, interval: 200 }).toBe(state).catch(async (error: unknown) => {
        const screen = await api.invoke('terminal.open', { runId: run.id })
        console.error(`run ${JSON.stringify(await get())}\n${screen.scrollback.slice(-3_000)}`)
        console.error(server!.requests.map((q) => `${q.kind} turn=${q.turn} last=${lastUserText(q).slice(0, 80)} results=${JSON.stringify(toolResults(q)).slice(0, 300)}`).join('\n'))
        const log = path.join(t!.home, 'runs', run.id, 'qwen-home', 'debug', 'latest')
        if (fs.existsSync(log)) console.error(fs.readFileSync(log, 'utf8').split('\n').slice(-30).join('\n'))
        throw error
      })

    // The question blocks the run until the operator answers through the core.
    await until('waiting')
    const first = server.requests.find((q) => q.kind === 'main')!
    expect(lastUserText(first), 'the briefing is the first prompt').toContain('hello.txt holds the greeting the operator picks')
    const [thread] = await api.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ kind: 'question', state: 'waiting_operator', channel: 'mcp', options: ['hello', 'howdy'] })
    const sessionId = (await get()).agentSessionId
    expect(sessionId, 'SessionStart reported the conversation id').toMatch(/^[0-9a-f-]{36}$/)

    hostKill = () => {
      stopPtyHost(t!.home)
      releaseKill()
    }
    await api.invoke('forum.answer', { threadId: thread!.id, text: 'howdy' })
    await until('lost')
    expect(server.requests.some((q) => q.kind === 'main' && toolResults(q).some((res) => res.text.includes('howdy'))), 'the answer reached the model').toBe(true)
    expect(fs.readFileSync(path.join(worktree, 'hello.txt'), 'utf8')).toBe('howdy\n')

    const resumed = await api.invoke('run.resume', { id: run.id, prompt: resumePrompt })
    expect(resumed.argv).toEqual(expect.arrayContaining(['--resume', sessionId as string, `--prompt-interactive=${resumePrompt}`]))
    await until('ready_to_merge')
    const latest = await get()
    expect(latest).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop', agentSessionId: sessionId, attempt: 2 })
    expect(git(worktree, 'log', '-1', '--format=%s')).toBe('Add hello.txt')

    // The resumed request carries the earlier conversation (briefing, answer, write) and then the continuation prompt.
    const again = server.requests.find((q) => q.kind === 'main' && lastUserText(q).includes(resumePrompt))!
    const history = conversationText(again)
    expect(history).toContain('hello.txt holds the greeting the operator picks')
    expect(history).toContain('howdy')
    expect(history).toContain('write_file')

    const events = await api.invoke('event.forEntity', { entity: run.id })
    const hooks = events.filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)
    expect(hooks).toEqual(expect.arrayContaining(['SessionStart', 'UserPromptSubmit', 'Stop']))
    const activities = events.filter((e) => e.topic === 'run.updated').map((e) => (e.payload as { run: Run }).run.activity)
    expect(activities.lastIndexOf('working')).toBeLessThan(activities.lastIndexOf('idle'))
    expect(server.errors).toEqual([])
    // Both sessions ran in the default sandbox where it exists (the run's Qwen home is among its writable dirs).
    const confined = events.filter((e) => e.topic === 'run.confined').map((e) => (e.payload as { confinement: { mode: string } }).confinement.mode)
    expect(confined).toEqual(sandboxSupport().ok ? ['workspace', 'workspace'] : ['off', 'off'])

    await api.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8')).toBe('howdy\n')
    await expect.poll(async () => (await api.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 300_000)
})
