import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { lastUserText } from '../fixtures/model-server/request-inspect'
import type { RecordedRequest } from '../fixtures/model-server/types'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()

/** The briefing names the worktree; the scripted model writes there, as a real model would. */
function worktreeOf(request: RecordedRequest): string {
  const match = /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))
  if (!match?.[1]) throw new Error('the briefing did not name the worktree')
  return match[1]
}

describe('a run of the real Claude Code CLI against the scripted model', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('writes and commits through its own tools in the run worktree, reaches ready_to_merge via its Stop hook, and merges', async () => {
    t = await startTestCore({ engine: true })
    server = await startModelServer({
      scenario: [
        (request) => ({ text: 'Creating the file.', tool: 'Write', input: { file_path: path.join(worktreeOf(request), 'hello.txt'), content: 'hello from claude\n' } }),
        Object.assign(() => ({ tool: 'Bash', input: { command: 'git add hello.txt && git commit -m "Add hello.txt"', description: 'Commit' } }), { waitFor: { toolResult: true } }),
        { waitFor: { toolResult: true }, text: 'Created and committed hello.txt.' }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    // Trust the folder that holds the repo and its worktrees, as a user answering the trust dialog once would.
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const policy = { agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }
    const repo = t.gitRepo('site', { 'README.md': '# site\n', '.flightdeck/policy.json': JSON.stringify(policy) })

    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Add hello.txt', acceptanceCriteria: ['hello.txt exists'] })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id })
    expect(run.agentProfile).toBe('claude-code')

    let latest: Run | undefined
    await expect
      .poll(async () => (latest = await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 })
      .toBe('ready_to_merge')
    expect(latest?.activity).toBe('idle')
    expect(git(latest?.worktreePath as string, 'log', '-1', '--format=%s')).toBe('Add hello.txt')

    const afterWrite = server.requests.find((req) => req.kind === 'main' && lastUserText(req).includes('hello.txt'))
    expect(afterWrite).toBeDefined()
    const firstMain = server.requests.find((req) => req.kind === 'main')
    expect(lastUserText(firstMain as RecordedRequest)).toContain('hello.txt exists')

    const signals = await t.core.client.invoke('event.list', { afterSeq: 0, limit: 10_000 })
    expect(signals.filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)).toContain('Stop')

    await t.core.client.invoke('run.merge', { id: run.id })
    expect(fs.readFileSync(path.join(repo, 'hello.txt'), 'utf8')).toBe('hello from claude\n')
    expect((await t.core.client.invoke('issue.get', { id: issue.id })).status).toBe('done')

    const screen = await t.core.client.invoke('terminal.open', { runId: run.id })
    // The TUI may draw a space as a cursor move (CSI 1 C); the words on screen are what counts.
    expect(screen.scrollback.replaceAll('\u001b[1C', ' ')).toContain('Created and committed hello.txt')
    expect(server.errors).toEqual([])
    // Claude Code writes its config home until it exits (after closing its MCP servers): wait for the exit.
    await expect.poll(async () => (await t!.core.client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 150_000)
})
