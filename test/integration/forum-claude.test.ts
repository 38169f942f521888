import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { toolResults } from '../fixtures/model-server/request-inspect'
import { askOperatorScenario } from '../fixtures/ask-operator-scenario'

describe('ask_operator: the real Claude Code CLI asks through Flightdeck MCP, waits, and gets the answer', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('pauses the run (waiting, issue blocked) until the answer, which comes back as the tool result; the run then finishes', async () => {
    t = await startTestCore({ engine: true })
    server = await startModelServer()
    server.setScenario(askOperatorScenario(server, { question: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] }))
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const policy = { agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const client = t.core.client

    const r = await client.invoke('repo.add', { path: repo })
    const issue = await client.invoke('issue.create', { repoId: r.id, title: 'Greet', acceptanceCriteria: ['hello.txt holds the greeting'] })
    const run = await client.invoke('run.start', { issueId: issue.id })

    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('waiting')
    expect((await client.invoke('issue.get', { id: issue.id })).status).toBe('blocked')
    const [thread] = await client.invoke('forum.list', { runId: run.id })
    expect(thread).toMatchObject({ kind: 'question', state: 'waiting_operator', blocking: true, channel: 'mcp', title: 'Which greeting should hello.txt contain?', options: ['hello', 'howdy'] })
    // Still waiting a while later: the tool call holds until someone answers.
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect((await client.invoke('run.get', { id: run.id })).state).toBe('waiting')

    await client.invoke('forum.answer', { threadId: thread!.id, text: 'howdy' })
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')

    const afterAsk = server.requests.find((q) => q.kind === 'main' && toolResults(q).some((x) => x.text === 'howdy'))
    expect(afterAsk, 'the model saw the answer as the tool result').toBeDefined()
    expect(toolResults(afterAsk!)[0]).toMatchObject({ isError: false, text: 'howdy' })
    const worktree = (await client.invoke('run.get', { id: run.id })).worktreePath as string
    expect(fs.readFileSync(path.join(worktree, 'hello.txt'), 'utf8')).toBe('howdy\n')
    expect(execFileSync('git', ['log', '-1', '--format=%s'], { cwd: worktree, encoding: 'utf8' }).trim()).toBe('Add hello.txt')
    const packets = await client.invoke('issue.contextPackets', { issueId: issue.id })
    expect(packets.at(-1)?.content.qa).toEqual([{ question: expect.stringContaining('Which greeting'), answer: 'howdy', threadId: thread!.id }])
    expect((await client.invoke('forum.thread', { threadId: thread!.id })).thread.state).toBe('answered')
    expect(server.errors).toEqual([])

    // Merging ends the idle agent (and with it its MCP server); wait for that before the folders go.
    await client.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8')).toBe('howdy\n')
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 200_000)
})
