import fs from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type AgentProfile, initialPrompt, type LaunchContext } from '../agent-profile'
import type { AgentSignal } from '../agent-signals'
import { opencodePluginSource } from './opencode-plugin'

/** Signals the plugin reports (see opencode-plugin.ts for the events behind each). */
const pluginSignals = ['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification', 'PreCompact', 'SubagentStart', 'SubagentStop'] as const satisfies readonly AgentSignal[]

/**
 * ask_operator may wait hours for the operator, and opencode's per-server `timeout` (ms, default 5 s) bounds every
 * MCP request, tool calls included. It bounds the connection too, and the first prompt waits for it: Flightdeck's
 * server answers `initialize` at once or exits, so a long timeout does not hold a start.
 */
const mcpTimeoutMs = 7 * 24 * 3_600_000

/** opencode keeps its data, config, cache and state in the XDG folders (its database, snapshots and logs among them). */
function opencodeDirs(env: Readonly<Record<string, string>>, home: string): string[] {
  const base = (name: string, fallback: string[]) => env[name] || path.join(home, ...fallback)
  return [
    path.join(base('XDG_DATA_HOME', ['.local', 'share']), 'opencode'),
    path.join(base('XDG_CONFIG_HOME', ['.config']), 'opencode'),
    path.join(base('XDG_CACHE_HOME', ['.cache']), 'opencode'),
    path.join(base('XDG_STATE_HOME', ['.local', 'state']), 'opencode')
  ]
}

/**
 * The session's own config, merged last over the user's (OPENCODE_CONFIG_CONTENT; plugin lists add up):
 * Flightdeck's plugin, its MCP server, no self-update and no sharing. The user's provider and model stay theirs.
 */
async function prepareOpencode(ctx: LaunchContext): Promise<{ env: Record<string, string> }> {
  const signals: Partial<Record<AgentSignal, string[]>> = {}
  if (ctx.signal) for (const name of pluginSignals) signals[name] = ctx.signal.argv(name)
  const resume = ctx.resume && ctx.agentSessionId ? { sessionId: ctx.agentSessionId, prompt: ctx.resumePrompt } : null
  const pluginFile = path.join(ctx.runDir, 'opencode-flightdeck.js')
  await fs.writeFile(pluginFile, opencodePluginSource({ signals, resume }), { mode: 0o600 })
  const server = ctx.mcpServer
  const config = {
    $schema: 'https://opencode.ai/config.json',
    autoupdate: false,
    share: 'disabled',
    plugin: [pathToFileURL(pluginFile).href],
    ...(server ? { mcp: { flightdeck: { type: 'local', command: [server.command, ...server.args], environment: server.env, enabled: true, timeout: mcpTimeoutMs } } } : {})
  }
  const content = JSON.stringify(config, null, 2)
  // The same text as a file, for whoever wants to see what the session was given.
  await fs.writeFile(path.join(ctx.runDir, 'opencode-config.json'), content, { mode: 0o600 })
  return { env: { OPENCODE_CONFIG_CONTENT: content, OPENCODE_DISABLE_AUTOUPDATE: '1' } }
}

/**
 * opencode (`opencode-ai`): the interactive TUI, its permissions auto-approved (`--auto`, as Claude Code runs with
 * --dangerously-skip-permissions; the sandbox confines it). Status comes from a plugin Flightdeck writes for each
 * launch; resume opens this run's session by id and the plugin submits the continuation prompt to it.
 */
export const opencode: AgentProfile = {
  name: 'opencode',
  label: 'opencode',
  command: 'opencode',
  briefing: 'prompt-argument',
  status: 'hooks',
  resumable: true,
  providerEnv: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'OPENROUTER_API_KEY', 'OPENCODE_CONFIG', 'OPENCODE_CONFIG_DIR', 'XDG_STATE_HOME'],
  configDirs: opencodeDirs,
  prepare: prepareOpencode,
  argv: (ctx) => {
    if (!ctx.resume) return ['opencode', '--auto', '--prompt', initialPrompt(ctx)]
    if (ctx.agentSessionId) return ['opencode', '--auto', '--session', ctx.agentSessionId]
    // No conversation was ever reported (the agent died before its first event): start one with the continuation.
    return ['opencode', '--auto', '--prompt', `${ctx.resumePrompt}\n\nYour briefing is in ${ctx.briefingFile}.`]
  }
}
