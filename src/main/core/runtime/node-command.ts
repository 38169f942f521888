/**
 * How to run one of Flightdeck's Node entries (the CLI, the pty host) as a child process: the program and its
 * first arguments, and the environment it needs on top of the caller's. Under Electron the program is
 * Electron's own binary and the environment carries ELECTRON_RUN_AS_NODE=1, as VS Code runs its `code` CLI.
 */
export interface NodeCommand {
  argv: readonly string[]
  env: Readonly<Record<string, string>>
}

/** POSIX single-quoting: every part is quoted, none is interpreted. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`
}

/**
 * The command line for a shell (Claude Code runs hook commands through one): `NAME=value 'program' 'arg'...`.
 * Only Flightdeck's own paths, names and ids go in; every part is quoted.
 */
export function shellCommandLine(command: NodeCommand, args: readonly string[]): string {
  const env = Object.entries(command.env).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`not an environment variable name: ${k}`)
    return `${k}=${shellQuote(v)}`
  })
  return [...env, ...[...command.argv, ...args].map(shellQuote)].join(' ')
}
