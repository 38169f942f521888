import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { usageFromTranscript } from '../../src/main/core/usage/transcript'
import { type TestCore, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import type { RecordedRequest } from '../fixtures/model-server/types'

// Sandboxed agents get their own /tmp: repositories and the data folder live outside it, as on a real machine.
process.env.TMPDIR = '/var/tmp'

const worktreeOf = (request: RecordedRequest) => /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))?.[1] ?? ''
/** What the scripted server reports as a request's input tokens (model-server.ts estimateTokens). */
const inputTokensOf = (request: RecordedRequest) => Math.ceil(JSON.stringify(request.body).length / 4)

function transcripts(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(dir, f))
}

/** The real Claude Code CLI, its OpenTelemetry export pointed at Flightdeck's receiver by the run's environment. */
describe("Claude Code's usage through its OpenTelemetry export", () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    // Claude Code waits at its prompt after its turn: end it before its folders are removed.
    for (const run of (await t?.core.client.invoke('run.list', {})) ?? []) {
      if (run.sessionId) {
        await t!.core.client.invoke('run.stop', { id: run.id }).catch(() => undefined)
        await expect.poll(async () => (await t!.core.client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
      }
    }
    await t?.close()
    await server?.close()
  })

  async function runClaude(sandbox: object) {
    t = await startTestCore({ engine: true })
    server = await startModelServer({
      scenario: [
        (request) => ({ text: 'Writing.', tool: 'Write', input: { file_path: path.join(worktreeOf(request), 'notes.txt'), content: 'counted\n' } }),
        Object.assign(() => ({ tool: 'Bash', input: { command: 'git add notes.txt && git commit -qm "Notes" && echo committed', description: 'Commit' } }), { waitFor: { toolResult: true } }),
        { waitFor: { toolResult: true }, text: 'Done.' }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const policy = { sandbox, agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }
    const repo = t.gitRepo('counted', { 'README.md': '# counted\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Write notes' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')
    const calls = server.requests.filter((req) => req.kind === 'main' || req.kind === 'side')
    // Logs are exported every second (OTEL_LOGS_EXPORT_INTERVAL): wait for every call to arrive.
    await expect.poll(async () => (await t!.core.client.invoke('usage.forRun', { runId: run.id })).totals.calls, { timeout: 30_000, interval: 250 }).toBe(calls.length)
    const usage = await t.core.client.invoke('usage.forRun', { runId: run.id })
    expect(usage.records.every((x) => x.source === 'otel')).toBe(true)
    expect(new Set(usage.records.map((x) => x.model))).toEqual(new Set(calls.map((c) => c.body.model)))
    expect(usage.totals.inputTokens).toBe(calls.reduce((sum, c) => sum + inputTokensOf(c), 0))
    expect(usage.totals.outputTokens).toBeGreaterThan(0)
    return { run, usage, configDir, calls }
  }

  it('records every model call of an unconfined run, and its transcript gives the same calls', async () => {
    const { usage, configDir } = await runClaude({ mode: 'off' })
    // The transcript, read the way sandboxed runs without a receiver are: the same main-loop calls.
    const files = transcripts(path.join(configDir, 'projects'))
    expect(files.length).toBeGreaterThan(0)
    const fromTranscript = files.flatMap((f) => usageFromTranscript(fs.readFileSync(f, 'utf8'), 'run'))
    expect(fromTranscript.length).toBeGreaterThanOrEqual(3)
    const recorded = usage.records.map((x) => x.inputTokens)
    for (const d of fromTranscript) expect(recorded).toContain(d.inputTokens)
  }, 150_000)

  it('records them from inside the sandbox too (network on: the host loopback)', async () => {
    const { run } = await runClaude({ mode: 'workspace', network: 'on' })
    const confined = (await t!.core.client.invoke('event.forEntity', { entity: run.id })).find((e) => e.topic === 'run.confined')
    expect(confined?.payload).toMatchObject({ confinement: { mode: 'workspace', network: 'on', tool: 'bwrap' } })
  }, 150_000)
})
