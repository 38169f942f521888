import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LaunchContext } from '../agent-profile'
import { opencode } from './opencode'
import { opencodePluginSource } from './opencode-plugin'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-opencode-'))
  delete (globalThis as { __flightdeckResumed?: boolean }).__flightdeckResumed
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Each signal runs this recorder (a real child process), as the plugin runs `flightdeck run signal`. */
function recorder(): { argv: (name: string) => string[]; read: () => { hook: string; payload: Record<string, unknown> }[] } {
  const out = path.join(dir, 'signals.jsonl')
  const script = path.join(dir, 'record.cjs')
  fs.writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(out)}, JSON.stringify({ hook: process.argv[2], payload: JSON.parse(process.argv[3]) }) + '\\n')`)
  return {
    argv: (name) => [process.execPath, script, name],
    read: () => (fs.existsSync(out) ? fs.readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [])
  }
}

function context(overrides: Partial<LaunchContext> = {}): LaunchContext {
  const rec = recorder()
  return {
    runId: 'run1', worktree: path.join(dir, 'wt'), runDir: dir, briefing: 'Do the thing.', briefingFile: path.join(dir, 'briefing.md'), hookSettingsFile: path.join(dir, 'claude-settings.json'),
    resume: false, agentSessionId: null, resumePrompt: 'Go on.',
    mcpServer: { command: '/usr/bin/node', args: ['cli.js', '--home', '/h', 'mcp'], env: { FLIGHTDECK_RUN_ID: 'run1' } },
    signal: { argv: rec.argv, shell: (name) => rec.argv(name).join(' ') },
    ...overrides
  }
}

type Hooks = { event(input: { event: { type: string; properties: object } }): Promise<void> }
async function loadPlugin(source: string, client: object): Promise<Hooks> {
  const file = path.join(dir, `plugin-${Math.random().toString(36).slice(2)}.mjs`)
  fs.writeFileSync(file, source)
  const mod = (await import(pathToFileURL(file).href)) as { FlightdeckSignals: (ctx: object) => Promise<Hooks> }
  return mod.FlightdeckSignals({ client })
}

describe('the opencode profile', () => {
  it('starts the TUI with the briefing, reopens this run\'s session by id on resume, and never "the last one"', () => {
    expect(opencode.argv(context())).toEqual(['opencode', '--auto', '--prompt', 'Do the thing.'])
    expect(opencode.argv(context({ resume: true, agentSessionId: 'ses_abc' }))).toEqual(['opencode', '--auto', '--session', 'ses_abc'])
    const fresh = opencode.argv(context({ resume: true }))
    expect(fresh.slice(0, 3)).toEqual(['opencode', '--auto', '--prompt'])
    expect(fresh[3]).toContain('Go on.')
    expect(fresh).not.toContain('--continue')
  })

  it('writes its plugin into the run folder and gives the session its config: the plugin, Flightdeck MCP, no autoupdate or sharing', async () => {
    const ctx = context()
    const { env } = await opencode.prepare!(ctx)
    const config = JSON.parse(env!.OPENCODE_CONFIG_CONTENT!)
    expect(config).toMatchObject({ autoupdate: false, share: 'disabled', plugin: [pathToFileURL(path.join(dir, 'opencode-flightdeck.js')).href] })
    expect(config.mcp.flightdeck).toEqual({ type: 'local', command: ['/usr/bin/node', 'cli.js', '--home', '/h', 'mcp'], environment: { FLIGHTDECK_RUN_ID: 'run1' }, enabled: true, timeout: 604_800_000 })
    expect(env!.OPENCODE_DISABLE_AUTOUPDATE).toBe('1')
    expect(fs.readFileSync(path.join(dir, 'opencode-flightdeck.js'), 'utf8')).toContain(JSON.stringify(ctx.signal!.argv('Stop')))
    expect(opencode.configDirs({ XDG_DATA_HOME: '/d', XDG_STATE_HOME: '/s' }, '/home/u')).toEqual(['/d/opencode', '/home/u/.config/opencode', '/home/u/.cache/opencode', '/s/opencode'])
  })
})

describe('the opencode plugin', () => {
  it('maps bus events onto signals in order, with the top-level session id; subagents and interrupts are told apart', async () => {
    const rec = recorder()
    const signals = Object.fromEntries(['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification', 'PreCompact', 'SubagentStart', 'SubagentStop'].map((n) => [n, rec.argv(n)]))
    const hooks = await loadPlugin(opencodePluginSource({ signals, resume: null }), {})
    const send = (type: string, properties: object) => hooks.event({ event: { type, properties } })
    await send('session.created', { sessionID: 'ses_main', info: { id: 'ses_main' } })
    await send('session.idle', { sessionID: 'ses_main' }) // idle without work: not a Stop
    await send('session.status', { sessionID: 'ses_main', status: { type: 'busy' } })
    await send('session.status', { sessionID: 'ses_main', status: { type: 'busy' } })
    await send('session.created', { sessionID: 'ses_child', info: { id: 'ses_child', parentID: 'ses_main' } })
    await send('session.status', { sessionID: 'ses_child', status: { type: 'busy' } })
    await send('session.status', { sessionID: 'ses_child', status: { type: 'idle' } })
    await send('session.idle', { sessionID: 'ses_child' })
    await send('question.asked', { sessionID: 'ses_child', questions: [{ question: 'Which one?' }] })
    await send('permission.asked', { sessionID: 'ses_main', permission: 'external_directory', title: 'Access /etc' })
    await send('session.error', { sessionID: 'ses_main', error: { name: 'MessageAbortedError', data: {} } })
    await send('session.compacted', { sessionID: 'ses_main' })
    await send('session.status', { sessionID: 'ses_main', status: { type: 'idle' } })
    await send('session.idle', { sessionID: 'ses_main' })
    await send('session.error', { sessionID: 'ses_main', error: { name: 'APIError', data: { message: 'rate limited' } } })
    await expect.poll(() => rec.read().length, { timeout: 20_000 }).toBe(9)
    expect(rec.read()).toEqual([
      { hook: 'SessionStart', payload: { session_id: 'ses_main', source: 'startup' } },
      { hook: 'UserPromptSubmit', payload: { session_id: 'ses_main' } },
      { hook: 'SubagentStart', payload: { session_id: 'ses_main', subagent_session_id: 'ses_child' } },
      { hook: 'SubagentStop', payload: { session_id: 'ses_main', subagent_session_id: 'ses_child' } },
      { hook: 'Notification', payload: { session_id: 'ses_main', notification_type: 'question', message: 'opencode asks: Which one?' } },
      { hook: 'Notification', payload: { session_id: 'ses_main', notification_type: 'permission_prompt', message: 'opencode asks permission: Access /etc' } },
      { hook: 'PreCompact', payload: { session_id: 'ses_main', trigger: 'compacted' } },
      { hook: 'Stop', payload: { session_id: 'ses_main' } },
      { hook: 'Notification', payload: { session_id: 'ses_main', notification_type: 'error', message: 'opencode: rate limited' } }
    ])
  }, 30_000)

  it('on resume submits the continuation prompt to the session by id once, and reports a failure as a Notification', async () => {
    const rec = recorder()
    const calls: unknown[] = []
    const ok = { session: { promptAsync: async (req: unknown) => void calls.push(req) } }
    await loadPlugin(opencodePluginSource({ signals: {}, resume: { sessionId: 'ses_main', prompt: 'Go on.' } }), ok)
    await loadPlugin(opencodePluginSource({ signals: {}, resume: { sessionId: 'ses_main', prompt: 'Go on.' } }), ok)
    await expect.poll(() => calls.length).toBe(1)
    expect(calls[0]).toEqual({ path: { id: 'ses_main' }, body: { parts: [{ type: 'text', text: 'Go on.' }] } })

    delete (globalThis as { __flightdeckResumed?: boolean }).__flightdeckResumed
    const failing = { session: { promptAsync: async () => ({ error: { name: 'NotFoundError' } }) } }
    await loadPlugin(opencodePluginSource({ signals: { Notification: rec.argv('Notification') }, resume: { sessionId: 'ses_gone', prompt: 'Go on.' } }), failing)
    await expect.poll(() => rec.read().length, { timeout: 20_000 }).toBe(1)
    expect(rec.read()[0]).toMatchObject({ hook: 'Notification', payload: { session_id: 'ses_gone', notification_type: 'error' } })
    expect(String(rec.read()[0]!.payload.message)).toContain('NotFoundError')
  }, 30_000)
})
