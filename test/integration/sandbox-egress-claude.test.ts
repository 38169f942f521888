import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { egressConfigPath, egressSocketPath } from '../../src/main/core/egress/egress-config'
import { type TestCore, startTestCore } from '../fixtures/core'
import { claudeBin, claudeEnv, prepareClaudeConfig, testApiKey } from '../fixtures/model-server/claude-harness'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { toolResults } from '../fixtures/model-server/request-inspect'

// Repositories and the data folder outside /tmp, as on a real machine (the sandbox gives the agent its own /tmp).
process.env.TMPDIR = '/var/tmp'

/** A Bash tool call whose command is computed when the model is asked (the server's port is known by then). */
const bash = (command: () => string) => () => ({ tool: 'Bash', input: { command: command(), description: 'check' } })
/** Processes whose command line names a socket: the forwarder of that run's sandbox (a fork of the perl prefix). */
const holding = (socketPath: string) =>
  fs.readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(socketPath)
    } catch {
      return false
    }
  })
const token = (home: string, runId: string) => (JSON.parse(fs.readFileSync(egressConfigPath(home, runId), 'utf8')) as { token: string }).token

/** A request to a run's relay over its egress socket, from outside the sandbox (what the forwarder carries). */
function relayCall(socketPath: string, bearer: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }] })
    const req = http.request({ socketPath, path: '/relay/anthropic/v1/messages', method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** The real Claude Code CLI in its sandbox with `network: allow-list`, against the scripted Anthropic model. */
describe('Claude Code with a network allow-list', () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  afterEach(async () => {
    await t?.close()
    await server?.close()
  })

  async function start(policy: unknown, env: Record<string, string>, argv = [claudeBin]): Promise<{ run: Run; repo: string }> {
    const configDir = path.join(t!.dir, 'claude-config')
    await prepareClaudeConfig(configDir, { projectPaths: [t!.dir], apiKey: testApiKey })
    const repo = t!.gitRepo(`repo-${Date.now()}`, { 'README.md': '# net\n', '.flightdeck/policy.json': JSON.stringify({ ...(policy as object), agents: { profiles: { 'claude-code': { argv, env: { ...env, CLAUDE_CONFIG_DIR: configDir } } } } }) })
    const r = await t!.core.client.invoke('repo.add', { path: repo })
    const issue = await t!.core.client.invoke('issue.create', { repoId: r.id, title: 'Work' })
    return { run: await t!.core.client.invoke('run.start', { issueId: issue.id }), repo }
  }

  async function settle(id: string, state: Run['state']): Promise<Run> {
    let latest: Run | undefined
    await expect.poll(async () => (latest = await t!.core.client.invoke('run.get', { id })).state, { timeout: 90_000, interval: 250 }).toBe(state)
    return latest!
  }

  const results = () => server!.requests.filter((req) => req.kind === 'main').flatMap((req) => toolResults(req).map((r) => r.text)).join('\n')

  it('reaches the allow-listed model host through the proxy (key relay off), and nothing directly', async () => {
    t = await startTestCore({ engine: true })
    let port = ''
    server = await startModelServer({ scenario: [bash(() => `curl -s --max-time 5 --noproxy '*' http://127.0.0.1:${port}/ >/dev/null; echo "direct=$?"; echo "via=$HTTP_PROXY"`), { waitFor: { toolResult: true }, text: 'Done.' }] })
    port = new URL(server.url).port
    const env = claudeEnv({ baseUrl: server.url, configDir: '', apiKey: testApiKey, base: {} })
    const { run } = await start({ sandbox: { network: 'allow-list', allow: [`127.0.0.1:${port}`], keyRelay: false } }, env)
    await settle(run.id, 'ready_to_merge')
    if (!results()) console.log(JSON.stringify(server.requests.map((r) => [r.method, r.path, r.kind])), JSON.stringify((await t.core.client.invoke('terminal.open', { runId: run.id })).scrollback).slice(-3000))
    expect(results()).toContain('direct=7')
    expect(results()).toContain('via=http://127.0.0.1:9480')
    expect(server.requests.some((req) => req.kind === 'main' && req.headers['x-api-key'] === testApiKey)).toBe(true)
    await t.core.client.invoke('run.stop', { id: run.id })
    await expect.poll(async () => (await t!.core.client.invoke('terminal.open', { runId: run.id })).live, { timeout: 20_000 }).toBe(false)
  }, 150_000)

  it('calls the model through the key relay: the real key is nowhere the agent can read, and a token works only for its own live run', async () => {
    t = await startTestCore({ engine: true })
    const realKey = 'sk-ant-api03-the-real-stored-key-0123456789'
    await t.core.client.invoke('secret.set', { name: 'anthropic.apiKey', value: realKey })
    // The key is built at run time and searched for in each file's content through a pipe: no command line or
    // transcript ever holds it. /proc files read as size 0, so they are read with cat, not opened by grep.
    const script = [
      'k=sk-ant-api03-the-real; k="$k-stored-key-0123456789"',
      'hunt() { n=0; while IFS= read -r -d "" f; do if cat "$f" 2>/dev/null | tr "\\0" "\\n" | grep -qF -e "$1"; then n=$((n+1)); fi; done < <(find "$FLIGHTDECK_HOME" "$(dirname "$FLIGHTDECK_BRIEFING")" "$PWD" "$CLAUDE_CONFIG_DIR" /tmp -type f -print0 2>/dev/null; printf "%s\\0" /proc/[0-9]*/environ /proc/[0-9]*/cmdline); echo "$n"; }',
      'echo "env-hits=$(env | grep -cF -e "$k")"',
      'echo "file-hits=$(hunt "$k")"',
      'echo "token-hits=$(hunt "$ANTHROPIC_AUTH_TOKEN")"',
      'echo "base=$ANTHROPIC_BASE_URL key=[$ANTHROPIC_API_KEY]"'
    ].join('\n')
    server = await startModelServer({ scenario: [bash(() => script), { waitFor: { toolResult: true }, text: 'Done.' }] })
    const env = claudeEnv({ baseUrl: server.url, configDir: '', apiKey: '', base: {} })
    delete (env as Record<string, string>).ANTHROPIC_API_KEY
    // Nothing on the allow-list: the model is reached through the relay alone.
    const { run } = await start({ sandbox: { network: 'allow-list' } }, env)
    await settle(run.id, 'ready_to_merge')
    const seen = results()
    expect(seen).toContain('env-hits=0')
    expect(seen).toContain('file-hits=0')
    // The same search finds the run's token (in the agent's environment): it would have found the key.
    expect(seen).toMatch(/token-hits=[1-9]/)
    expect(seen).toContain('base=http://127.0.0.1:9480/relay/anthropic key=[]')
    // Upstream got the real key, in place of the token.
    const main = server.requests.filter((req) => req.kind === 'main')
    expect(main.length).toBeGreaterThanOrEqual(2)
    expect(main.every((req) => req.headers['x-api-key'] === realKey && !req.headers.authorization)).toBe(true)
    const first = token(t.home, run.id)

    // Another live run of the same provider: the first run's token is refused on it; its own works (streamed).
    const { run: idle } = await start({ sandbox: { network: 'allow-list' } }, env, ['sh', '-c', 'sleep 300'])
    await settle(idle.id, 'running')
    const idleSocket = egressSocketPath(t.home, idle.id)
    expect((await relayCall(idleSocket, first)).status).toBe(401)
    const own = await relayCall(idleSocket, token(t.home, idle.id))
    expect(own.status).toBe(200)
    expect(own.body).toMatch(/event: message_start[\s\S]*event: message_stop/)
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe(realKey)

    // The first run ends: its socket and its token go with it, and its token stays refused elsewhere.
    await t.core.client.invoke('run.stop', { id: run.id })
    await expect.poll(() => fs.existsSync(egressConfigPath(t!.home, run.id)), { timeout: 20_000 }).toBe(false)
    expect(fs.existsSync(egressSocketPath(t.home, run.id))).toBe(false)
    await expect(relayCall(egressSocketPath(t.home, run.id), first)).rejects.toThrow(/ENOENT|ECONNREFUSED/)
    expect((await relayCall(idleSocket, first)).status).toBe(401)
    const refused = (await t.core.client.invoke('event.forEntity', { entity: idle.id })).filter((e) => e.topic === 'agent.egress_refused')
    expect(refused.map((e) => e.payload)).toEqual([
      { runId: idle.id, host: 'relay anthropic', port: 0, reason: 'a token that is not this live run’s' },
      { runId: idle.id, host: 'relay anthropic', port: 0, reason: 'a token that is not this live run’s' }
    ])
    // And the idle run's own token ends with it.
    const idleToken = token(t.home, idle.id)
    expect(holding(idleSocket).length).toBeGreaterThan(0)
    await t.core.client.invoke('run.stop', { id: idle.id })
    await expect.poll(() => fs.existsSync(idleSocket), { timeout: 20_000 }).toBe(false)
    // Its forwarder ended with its sandbox.
    await expect.poll(() => holding(idleSocket), { timeout: 10_000 }).toEqual([])
    await expect(relayCall(idleSocket, idleToken)).rejects.toThrow(/ENOENT|ECONNREFUSED/)
  }, 150_000)

  it('with the host’s network (the default), still calls the model through the relay and never holds the key', async () => {
    t = await startTestCore({ engine: true })
    const realKey = 'sk-ant-api03-the-real-stored-key-on-network'
    await t.core.client.invoke('secret.set', { name: 'anthropic.apiKey', value: realKey })
    const script = 'k=sk-ant-api03-the-real; k="$k-stored-key-on-network"; echo "env-hits=$(env | grep -cF -e "$k") base=$ANTHROPIC_BASE_URL key=[$ANTHROPIC_API_KEY] auth=${ANTHROPIC_AUTH_TOKEN:0:7}"'
    server = await startModelServer({ scenario: [bash(() => script), { waitFor: { toolResult: true }, text: 'Done.' }] })
    const env = claudeEnv({ baseUrl: server.url, configDir: '', apiKey: '', base: {} })
    delete (env as Record<string, string>).ANTHROPIC_API_KEY
    const { run } = await start({}, env)
    await settle(run.id, 'ready_to_merge')
    expect(results()).toMatch(/env-hits=0 base=http:\/\/127\.0\.0\.1:\d+\/relay\/anthropic key=\[\] auth=fd-run-/)
    const main = server.requests.filter((req) => req.kind === 'main')
    expect(main.length).toBeGreaterThanOrEqual(2)
    expect(main.every((req) => req.headers['x-api-key'] === realKey && !req.headers.authorization)).toBe(true)
    const events = await t.core.client.invoke('event.forEntity', { entity: run.id })
    expect(events.find((e) => e.topic === 'run.confined')?.payload).toMatchObject({ confinement: { network: 'on', tool: 'bwrap' } })
    await t.core.client.invoke('run.stop', { id: run.id })
    await expect.poll(() => fs.existsSync(egressConfigPath(t!.home, run.id)), { timeout: 20_000 }).toBe(false)
  }, 150_000)
})
