import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, sourceCli, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { toolResults } from '../fixtures/model-server/request-inspect'
import type { RecordedRequest } from '../fixtures/model-server/types'

// Repositories and the data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim()
const q = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`
const worktreeOf = (request: RecordedRequest) => /git worktree (\S+) \(its own branch\)/.exec(JSON.stringify(request.body.messages))?.[1] ?? ''

/** The real Claude Code CLI in its sandbox, told by the scripted model to go around its gates through its own Bash tool. */
describe('Claude Code in its sandbox', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  it('cannot read the database or the key store, write the main checkout or merge itself, and still commits its work', async () => {
    t = await startTestCore({ engine: true })
    await t.core.client.invoke('secret.set', { name: 'github.token', value: 'ghp_stored_token' })
    const home = t.home
    const flightdeck = sourceCli.argv.map(q).join(' ')
    const bash = (command: () => string) => Object.assign(() => ({ tool: 'Bash', input: { command: command(), description: 'try' } }), { waitFor: { toolResult: true } })
    let repo = ''
    server = await startModelServer({
      scenario: [
        () => ({ tool: 'Bash', input: { command: `cat ${q(path.join(home, 'flightdeck.db'))} | head -c 64; echo "exit=$?"`, description: 'read the database' } }),
        bash(() => `cat ${q(path.join(home, 'secrets.json'))} || echo no-secrets`),
        bash(() => `echo pwned > ${q(path.join(repo, 'README.md'))} 2>&1 || echo refused-write; echo "$GITHUB_TOKEN" | grep -c ghp_ || true`),
        bash(() => `${flightdeck} --home ${q(home)} merge "$FLIGHTDECK_RUN_ID" 2>&1 | tail -1`),
        Object.assign((request: RecordedRequest) => ({ tool: 'Write', input: { file_path: path.join(worktreeOf(request), 'notes.txt'), content: 'done inside\n' } }), { waitFor: { toolResult: true } }),
        bash(() => 'git add notes.txt && git commit -qm "Notes from the box" && echo committed'),
        { waitFor: { toolResult: true }, text: 'Done.' }
      ]
    })
    const configDir = path.join(t.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t.dir], apiKey: testApiKey })
    const env = claudeEnv({ baseUrl: server.url, configDir, apiKey: testApiKey, base: {} })
    const policy = { agents: { profiles: { 'claude-code': { argv: [claudeBin], env } } } }
    repo = t.gitRepo('vault', { 'README.md': '# vault\n', '.flightdeck/policy.json': JSON.stringify(policy) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Write notes' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id })
    let latest: Run | undefined
    await expect.poll(async () => (latest = await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 90_000, interval: 250 }).toBe('ready_to_merge')

    const results = server.requests.filter((req) => req.kind === 'main').flatMap((req) => toolResults(req).map((r) => r.text))
    const joined = results.join('\n')
    expect(joined).toMatch(/No such file or directory/)
    expect(joined).not.toContain('SQLite format')
    expect(joined).toContain('no-secrets')
    expect(joined).toContain('refused-write')
    expect(joined).not.toContain('ghp_stored_token')
    expect(joined).toMatch(/is an operator's command; an agent cannot run it/)
    expect(joined).toContain('committed')
    expect(git(latest!.worktreePath!, 'log', '-1', '--format=%s')).toBe('Notes from the box')
    expect(fs.readFileSync(path.join(repo, 'README.md'), 'utf8')).toBe('# vault\n')
    expect(latest!.state).toBe('ready_to_merge')
    const refused = (await t.core.client.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'agent.refused')
    expect(refused.map((e) => (e.payload as { what: string }).what)).toEqual([`flightdeck merge ${run.id}`])
    // Claude Code waits at its prompt after the turn: land the run (which ends the session) and wait for its exit.
    await t.core.client.invoke('run.merge', { id: run.id })
    await expect.poll(async () => (await t!.core.client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 150_000)
})
