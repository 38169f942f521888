import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { codexBin, writeCodexHome } from '../fixtures/openai-responses/codex-harness'
import { newInputText, toolOutputs, userTexts } from '../fixtures/openai-responses/inspect'
import { findTool, type ResponsesServer, startResponsesServer } from '../fixtures/openai-responses/responses-server'
import type { RecordedRequest, StaticTurn, Turn } from '../fixtures/openai-responses/types'
import { stopPtyHost } from '../fixtures/serve'

// The data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const resumePrompt = 'Flightdeck resumed you: check hello.txt is committed, then finish.'

/**
 * ask_operator (once Codex offers Flightdeck's MCP tools: it connects them in the background, so until then the
 * model runs a short sleep and asks again) -> write and commit hello.txt with the answer through exec_command ->
 * a long command the pty host dies under -> after the resume, a closing message.
 */
function scenario(server: ResponsesServer): Turn[] {
  const rest: Turn[] = [
    Object.assign((request: RecordedRequest): StaticTurn => {
      const answer = /howdy|hello/.exec(toolOutputs(request).map((o) => o.text).join('\n'))?.[0] ?? '?'
      return { text: 'Writing it.', tool: 'exec_command', input: { cmd: `printf '%s\\n' ${answer} > hello.txt && git add hello.txt && git commit -qm 'Add hello.txt' && echo committed` } }
    }, { waitFor: { toolOutput: true } }),
    { waitFor: { text: 'committed' }, text: 'Running the slow check.', tool: 'exec_command', input: { cmd: 'sleep 120', yield_time_ms: 30_000 } },
    { waitFor: { text: resumePrompt }, text: 'Resumed: hello.txt is committed with the greeting the operator chose.' }
  ]
  const ask = (request: RecordedRequest): StaticTurn => {
    if (findTool(request.body, 'ask_operator').namespace) return { text: 'I need a decision first.', tool: 'ask_operator', input: { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] } }
    server.setScenario([ask, ...rest])
    return { tool: 'exec_command', input: { cmd: 'sleep 1' } }
  }
  return [ask, ...rest]
}

describe('a run of the real Codex CLI (interactive, in the pty) against the scripted Responses API', () => {
  let t: TestCore | undefined
  let server: ResponsesServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('gets its briefing, asks the operator, commits through its own tools, reports by hooks, and resumes its own thread after a pty-host kill', async () => {
    t = await startTestCore({ engine: true })
    server = await startResponsesServer()
    server.setScenario(scenario(server))
    const env = writeCodexHome(path.join(t.dir, 'codex-home'), server.url)
    const policy = { agents: { default: 'codex', profiles: { codex: { argv: [codexBin], env } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const client = t.core.client
    const get = (id: string): Promise<Run> => client.invoke('run.get', { id })

    const r = await client.invoke('repo.add', { path: repo })
    const issue = await client.invoke('issue.create', { repoId: r.id, title: 'Greet', acceptanceCriteria: ['hello.txt holds the greeting the operator picks'] })
    const run = await client.invoke('run.start', { issueId: issue.id })
    expect(run.agentProfile).toBe('codex')
    const confined = (await client.invoke('event.forEntity', { entity: run.id })).find((e) => e.topic === 'run.confined')
    expect(confined?.payload, 'Codex runs inside the default sandbox').toMatchObject({ confinement: { mode: 'workspace', tool: 'bwrap' } })

    // The question blocks the run until the operator answers through the core.
    await expect.poll(async () => (await get(run.id)).state, { timeout: 60_000, interval: 200 }).toBe('waiting')
    const [thread] = await client.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ kind: 'question', state: 'waiting_operator', blocking: true, channel: 'mcp', options: ['hello', 'howdy'] })
    const first = server.requests.find((q) => q.kind === 'main')!
    expect(userTexts(first).join('\n')).toContain('hello.txt holds the greeting the operator picks')
    // Its SessionStart hook named the thread (hooks run in the background, so it may land just after the question).
    await expect.poll(async () => (await get(run.id)).agentSessionId, { timeout: 15_000, interval: 200 }).toMatch(/^[0-9a-f-]{36}$/)
    // Waiting on its question: the status says it came from the agent's own MCP call.
    expect((await get(run.id)).activitySource).toBe('mcp:ask_operator')
    await client.invoke('forum.answer', { threadId: thread!.id, text: 'howdy' })

    // The answer reaches the model as the tool's output; the agent commits, then works on under a long command.
    await server.waitForRequest((q) => q.kind === 'main' && newInputText(q).includes('committed'), 30_000)
    expect(server.requests.some((q) => toolOutputs(q).some((o) => o.text.includes('howdy')))).toBe(true)
    await expect.poll(async () => (await get(run.id)).state, { timeout: 15_000, interval: 200 }).toBe('running')
    const working = await get(run.id)
    expect(working).toMatchObject({ activity: 'working' })
    // Working again because the operator answered (the turn goes on; no new prompt, so no UserPromptSubmit).
    expect(working.activitySource).toBe('operator:answer')
    expect(git(working.worktreePath!, 'log', '-1', '--format=%s')).toBe('Add hello.txt')
    expect(fs.readFileSync(path.join(working.worktreePath!, 'hello.txt'), 'utf8')).toBe('howdy\n')

    // The pty host dies under the agent; the run is lost, then resumed by the operator with words of their own.
    stopPtyHost(t.home)
    await expect.poll(async () => (await get(run.id)).state, { timeout: 20_000, interval: 200 }).toBe('lost')
    const before = server.requests.length
    const resumed = await client.invoke('run.resume', { id: run.id, prompt: resumePrompt })
    expect(resumed.argv).toEqual(expect.arrayContaining(['resume', working.agentSessionId!, resumePrompt]))
    expect(resumed.argv).not.toContain('--last')

    const done = await expect
      .poll(async () => (await get(run.id)).state, { timeout: 60_000, interval: 200 })
      .toBe('ready_to_merge')
      .then(() => get(run.id))
    expect(done).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop', agentSessionId: working.agentSessionId })
    const after = server.requests.slice(before).find((q) => q.kind === 'main' && newInputText(q).includes(resumePrompt))!
    // The same conversation: the briefing and the operator's answer come along with the continuation prompt.
    expect(userTexts(after).join('\n')).toContain('hello.txt holds the greeting the operator picks')
    expect(JSON.stringify(after.body.input)).toContain('howdy')
    expect(server.errors).toEqual([])

    // Merging ends the idle agent: its session closes.
    await client.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8')).toBe('howdy\n')
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 180_000)

  it('shows an interrupt (Esc) as waiting for the person, not as working or done, and works again on the next prompt', async () => {
    t = await startTestCore({ engine: true })
    server = await startResponsesServer({
      scenario: [
        { text: 'Sleeping.', tool: 'exec_command', input: { cmd: 'sleep 120', yield_time_ms: 30_000 } },
        { waitFor: { text: 'Finish now' }, text: 'Finished after the interrupt.' }
      ]
    })
    const env = writeCodexHome(path.join(t.dir, 'codex-home'), server.url)
    const policy = { agents: { default: 'codex', profiles: { codex: { argv: [codexBin], env } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const client = t.core.client
    const get = (id: string): Promise<Run> => client.invoke('run.get', { id })
    const issue = await client.invoke('issue.create', { repoId: (await client.invoke('repo.add', { path: repo })).id, title: 'Wait' })
    const run = await client.invoke('run.start', { issueId: issue.id })

    await server.waitForRequest((q) => q.kind === 'main', 60_000)
    await expect.poll(async () => (await get(run.id)).activitySource, { timeout: 30_000, interval: 200 }).toBe('hook:UserPromptSubmit')
    const { sessionId } = await get(run.id)
    await client.invoke('terminal.input', { sessionId: sessionId!, data: '\u001b' })
    // Codex fires no Stop on Esc; its Interrupt hook says it waits at its prompt.
    await expect.poll(async () => (await get(run.id)).activity, { timeout: 30_000, interval: 200 }).toBe('needs_input')
    expect(await get(run.id)).toMatchObject({ state: 'running', activitySource: 'hook:Notification' })

    // The operator's next prompt (typed, then Enter on its own: a burst with Enter is taken as a paste) resumes work.
    await client.invoke('terminal.input', { sessionId: sessionId!, data: 'Finish now' })
    await new Promise((resolve) => setTimeout(resolve, 500))
    await client.invoke('terminal.input', { sessionId: sessionId!, data: '\r' })
    await expect.poll(async () => (await get(run.id)).state, { timeout: 60_000, interval: 200 }).toBe('ready_to_merge')
    expect(await get(run.id)).toMatchObject({ activity: 'idle', activitySource: 'hook:Stop' })
    expect(server.errors).toEqual([])
    await client.invoke('run.stop', { id: run.id }).catch(() => undefined)
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 150_000)
})
