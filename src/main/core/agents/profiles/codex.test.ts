import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { codexExec, writeCodexHome } from '../../../../../test/fixtures/openai-responses/codex-harness'
import { type ResponsesServer, startResponsesServer } from '../../../../../test/fixtures/openai-responses/responses-server'
import { makeGitRepo, tempDir } from '../../../../../test/fixtures/temp'
import type { LaunchContext } from '../agent-profile'
import { codex } from './codex'
import { tomlValue } from './codex-config'

const ctx = (over: Partial<LaunchContext> = {}): LaunchContext => ({
  runId: 'r1', worktree: '/w/t', runDir: '/d', briefing: '# Brief', briefingFile: '/d/briefing.md', hookSettingsFile: '/d/h.json',
  resume: false, agentSessionId: null, resumePrompt: 'Go on.',
  signal: { argv: (s) => ['fd', 'run', 'signal', 'r1', '--hook', s], shell: (s) => `'fd' 'run' 'signal' 'r1' '--hook' '${s}'` },
  mcpServer: { command: '/bin/node', args: ['cli.js', 'mcp'], env: { FLIGHTDECK_RUN_ID: 'r1' } },
  ...over
})

describe('the Codex profile', () => {
  it('starts the TUI with the briefing after the options, and resumes this run\'s thread by id, never --last', () => {
    const fresh = codex.argv(ctx())
    expect(fresh.slice(0, 3)).toEqual(['codex', '--no-daemon', '--dangerously-bypass-approvals-and-sandbox'])
    expect(fresh.slice(-2)).toEqual(['--', '# Brief'])
    const resumed = codex.argv(ctx({ resume: true, agentSessionId: '01a2-thread' }))
    expect(resumed[1]).toBe('resume')
    expect(resumed.slice(-3)).toEqual(['--', '01a2-thread', 'Go on.'])
    // No thread id: a fresh session that is told both what to do and that it was resumed.
    const unknown = codex.argv(ctx({ resume: true }))
    expect(unknown).not.toContain('resume')
    expect(unknown.at(-1)).toBe('# Brief\n\nGo on.')
    for (const argv of [fresh, resumed, unknown]) expect(argv).not.toContain('--last')
  })

  it('passes hooks, the MCP server and the worktree trust as -c overrides', () => {
    const overrides = codex.argv(ctx()).filter((_, i, all) => all[i - 1] === '-c')
    expect(overrides).toContain('projects={ "/w/t" = { "trust_level" = "trusted" } }')
    expect(overrides).toContain(`hooks.Stop=[{ "hooks" = [{ "type" = "command", "command" = ${JSON.stringify("'fd' 'run' 'signal' 'r1' '--hook' 'Stop'")}, "timeout" = 30 }] }]`)
    expect(overrides.find((o) => o.startsWith('hooks.PermissionRequest='))).toContain("'--hook' 'Notification'")
    // Interrupt gets 3 s from Codex: it records in the background, the payload as the trailing argument.
    expect(overrides.find((o) => o.startsWith('hooks.Interrupt='))).toContain(JSON.stringify(`payload=$(cat); 'fd' 'run' 'signal' 'r1' '--hook' 'Notification' "$payload" >/dev/null 2>&1 &`))
    expect(overrides.some((o) => /^hooks\.(PreToolUse|PostToolUse)=/.test(o))).toBe(false)
    expect(overrides.find((o) => o.startsWith('mcp_servers.flightdeck='))).toBe(
      'mcp_servers.flightdeck={ "command" = "/bin/node", "args" = ["cli.js", "mcp"], "env" = { "FLIGHTDECK_RUN_ID" = "r1" }, "startup_timeout_sec" = 30, "tool_timeout_sec" = 604800 }'
    )
    // Without a CLI to call there are no hooks, and without a server no MCP entry.
    const bare = codex.argv(ctx({ signal: undefined, mcpServer: undefined })).join(' ')
    expect(bare).not.toMatch(/hooks\.|mcp_servers/)
  })

  describe('TOML values, as the real codex reads them', () => {
    let server: ResponsesServer | undefined
    let tmp: ReturnType<typeof tempDir> | undefined
    afterEach(async () => {
      await server?.close()
      tmp?.cleanup()
    })

    it('survive quotes, backslashes, newlines and non-ASCII (the model name comes back in the request)', async () => {
      tmp = tempDir('fd-codex-toml-')
      server = await startResponsesServer()
      const weird = 'a "quoted" \\path\\ with\nnewline, tab\t and é'
      const env = writeCodexHome(path.join(tmp.dir, 'home'), server.url)
      const repo = makeGitRepo(path.join(tmp.dir, 'repo'))
      await codexExec(['-c', `model=${tomlValue(weird)}`, 'hi'], { cwd: repo, env: { PATH: process.env.PATH ?? '', HOME: tmp.dir, ...env }, timeout: 60_000 })
      expect(server.requests.find((r) => r.kind === 'main')?.body.model).toBe(weird)
    }, 90_000)
  })
})
