import type { LaunchContext } from '../agent-profile'
import type { AgentSignal } from '../agent-signals'

/** A TOML value for a `codex -c key=value` override (strings as basic strings; JSON's escapes are TOML's). */
export function tomlValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${tomlValue(v)}`).join(', ')} }`
  }
  throw new TypeError(`no TOML form for ${String(value)}`)
}

/**
 * Codex lifecycle hooks (config `[hooks]`, Claude Code's shape) and the signal each reports. PermissionRequest,
 * StopFailure (a turn ended by an error) and Interrupt (Esc) leave Codex waiting for the person. No tool hooks:
 * as with Claude Code, a process per tool call would cost more than the status it adds.
 */
export const codexHooks: Readonly<Record<string, AgentSignal>> = {
  SessionStart: 'SessionStart',
  UserPromptSubmit: 'UserPromptSubmit',
  PreCompact: 'PreCompact',
  SubagentStart: 'SubagentStart',
  SubagentStop: 'SubagentStop',
  Stop: 'Stop',
  PermissionRequest: 'Notification',
  StopFailure: 'Notification',
  Interrupt: 'Notification'
}

/**
 * Codex gives its Interrupt hook 3 s whatever the config says, less than Flightdeck's CLI may need to start on a
 * busy machine: that hook only reads its payload and records it in the background, as the trailing argument
 * `run signal` also takes (a background job's stdin is /dev/null).
 */
function hookCommand(event: string, line: string): string {
  return event === 'Interrupt' ? `payload=$(cat); ${line} "$payload" >/dev/null 2>&1 &` : line
}

/**
 * The session's settings as `-c` overrides: they sit above the user's config.toml for this process only, so
 * CODEX_HOME (the user's auth, provider and history) is read as it is and never rewritten for a run.
 */
export function codexOverrides(ctx: LaunchContext): string[] {
  const values: [string, unknown][] = [
    // An update prompt is a modal in the TUI: it would hold the run at a screen nobody watches.
    ['check_for_update_on_startup', false],
    // The worktree is Flightdeck's; without this the TUI opens on its trust dialog.
    ['projects', { [ctx.worktree]: { trust_level: 'trusted' } }]
  ]
  if (ctx.signal) {
    const signal = ctx.signal
    for (const [event, name] of Object.entries(codexHooks)) {
      // Codex runs a hook's command through a shell with the hook's JSON on stdin (session_id, turn_id, ...),
      // and waits for it: background (`async`) hooks finish in any order, and a UserPromptSubmit recorded after
      // its turn's Stop would take a finished run back to running. SessionStart only names the thread (every
      // other payload names it too), so it need not hold up the start.
      const async = name === 'SessionStart'
      values.push([`hooks.${event}`, [{ hooks: [{ type: 'command', command: hookCommand(event, signal.shell(name)), timeout: 30, ...(async ? { async } : {}) }] }]])
    }
  }
  if (ctx.mcpServer) {
    // ask_operator waits for the operator, possibly for days: the tool timeout must outlast that.
    values.push(['mcp_servers.flightdeck', { ...ctx.mcpServer, startup_timeout_sec: 30, tool_timeout_sec: 604_800 }])
  }
  return values.flatMap(([key, value]) => ['-c', `${key}=${tomlValue(value)}`])
}
