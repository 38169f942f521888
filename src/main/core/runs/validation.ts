import { execFile } from 'node:child_process'
import type { ValidationCommand } from '../policy/policy.schema'

export interface CheckResult {
  name: string
  argv: string[]
  passed: boolean
  exitCode: number | null
  /** The signal that ended the command when something outside Flightdeck killed it (not its timeout). */
  signal?: string
  durationMs: number
  /** Combined output, truncated to the last 256 KB. */
  log: string
}

const MAX_LOG = 256 * 1024

/** Runs one policy validation command in the worktree, with an argv array and a timeout. */
export function runCheck(command: ValidationCommand, cwd: string): Promise<CheckResult> {
  const started = Date.now()
  const [file, ...args] = command.argv
  return new Promise((resolve) => {
    execFile(
      file as string,
      args,
      { cwd, timeout: command.timeoutSeconds * 1_000, maxBuffer: 32 * 1024 * 1024, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        const reason = error && code === null ? `\n[flightdeck] ${error.killed ? `timed out after ${command.timeoutSeconds} s` : error.message}\n` : ''
        const log = `${stdout}${stderr}${reason}`
        resolve({
          name: command.name,
          argv: command.argv,
          passed: !error,
          exitCode: code,
          ...(error?.signal && !error.killed ? { signal: error.signal } : {}),
          durationMs: Date.now() - started,
          log: log.length > MAX_LOG ? log.slice(-MAX_LOG) : log
        })
      }
    )
  })
}
