import { type NodeCommand, shellCommandLine } from '../runtime/node-command'

/** Claude Code hooks Flightdeck listens to: a prompt was submitted, a turn ended, it needs attention. */
export const claudeHooks = ['UserPromptSubmit', 'Stop', 'Notification'] as const

/**
 * The settings file a Claude Code run is started with (`--settings`). Each hook calls
 * `flightdeck run signal <run> --hook <name>`, which records the hook's JSON (on stdin) as an event; the
 * engine turns it into the run's activity and state. Claude Code runs hook commands through a shell, so
 * the command is built only from Flightdeck's own paths and the run's id, each quoted. Without a CLI
 * command (a core opened without one) the run gets no hooks.
 */
export function claudeHookSettings(cli: NodeCommand | undefined, home: string, runId: string): object {
  if (!cli) return { hooks: {} }
  const hooks: Record<string, unknown> = {}
  for (const hook of claudeHooks) {
    const command = shellCommandLine(cli, ['--home', home, 'run', 'signal', runId, '--hook', hook])
    hooks[hook] = [{ hooks: [{ type: 'command', command, timeout: 30 }] }]
  }
  return { hooks }
}
