/** Claude Code hooks Flightdeck listens to: a prompt was submitted, a turn ended, it needs attention. */
export const claudeHooks = ['UserPromptSubmit', 'Stop', 'Notification'] as const

/** POSIX single-quoting: the hook command is run by a shell, so every part is quoted, none is interpreted. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`
}

/**
 * The settings file a Claude Code run is started with (`--settings`). Each hook calls
 * `flightdeck run signal <run> --hook <name>`, which records the hook's JSON (on stdin) as an event; the
 * engine turns it into the run's activity and state. Claude Code runs hook commands through a shell, so
 * the command is built only from Flightdeck's own paths and the run's id, each quoted.
 */
export function claudeHookSettings(cliCommand: readonly string[], home: string, runId: string): object {
  const hooks: Record<string, unknown> = {}
  for (const hook of claudeHooks) {
    const argv = [...cliCommand, '--home', home, 'run', 'signal', runId, '--hook', hook]
    hooks[hook] = [{ hooks: [{ type: 'command', command: argv.map(shellQuote).join(' '), timeout: 30 }] }]
  }
  return { hooks }
}
