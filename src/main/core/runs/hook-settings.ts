import type { LaunchContext } from '../agents/agent-profile'
import type { AgentSignal } from '../agents/agent-signals'
import { type NodeCommand, shellCommandLine } from '../runtime/node-command'

/** Claude Code hooks Flightdeck listens to (see agent-signals.ts for what each means to the run). */
export const claudeHooks = ['SessionStart', 'UserPromptSubmit', 'Stop', 'Notification', 'PreCompact', 'PostCompact', 'SubagentStart', 'SubagentStop'] as const satisfies readonly AgentSignal[]

/** What a resumed agent is told, as its first prompt, when the operator resumes without words of their own. */
export const defaultResumePrompt =
  'Flightdeck resumed this session after an interruption. Check the state of the worktree (git status, the tests), then continue the task from your briefing where you left off, and finish as before.'

/** `flightdeck --home H run signal RUN --hook NAME`, as argv and as a quoted shell line; none without a CLI. */
export function signalCommands(cli: NodeCommand | undefined, home: string, runId: string): LaunchContext['signal'] {
  if (!cli) return undefined
  const args = (hook: AgentSignal) => ['--home', home, 'run', 'signal', runId, '--hook', hook]
  return {
    // The CLI's environment (ELECTRON_RUN_AS_NODE under the app's binary) travels through env(1), no shell involved.
    argv: (hook) => [...(Object.keys(cli.env).length ? ['env', ...Object.entries(cli.env).map(([k, v]) => `${k}=${v}`)] : []), ...cli.argv, ...args(hook)],
    shell: (hook) => shellCommandLine(cli, args(hook))
  }
}

/**
 * The settings file a Claude Code run is started with (`--settings`). Each hook calls
 * `flightdeck run signal <run> --hook <name>`, which records the hook's JSON (on stdin) as an event; the
 * engine turns it into the run's activity and state. Claude Code runs hook commands through a shell, so
 * the command is built only from Flightdeck's own paths and the run's id, each quoted. Without a CLI
 * command (a core opened without one) the run gets no hooks.
 */
export function claudeHookSettings(cli: NodeCommand | undefined, home: string, runId: string): object {
  const signal = signalCommands(cli, home, runId)
  if (!signal) return { hooks: {} }
  const hooks: Record<string, unknown> = {}
  for (const hook of claudeHooks) hooks[hook] = [{ hooks: [{ type: 'command', command: signal.shell(hook), timeout: 30 }] }]
  return { hooks }
}
