import { existsSync } from 'node:fs'
import { simpleGit } from 'simple-git'
import { WorkspaceError } from './workspace-error'

export interface GitResult {
  stdout: string
  stderr: string
  exitCode: number
}

export interface GitRunOptions {
  /** Extra environment for this call only (e.g. a temporary GIT_INDEX_FILE). */
  env?: Record<string, string>
  /** Exit codes that are answers rather than failures, e.g. 1 from `merge-tree` meaning "conflicts". */
  okExitCodes?: readonly number[]
}

/**
 * The one door to git. Everything in this module goes through it, which is what lets a test count
 * invocations and lets callers see exit codes that simple-git's `raw()` would otherwise hide.
 */
export type GitRunner = (cwd: string, args: readonly string[], options?: GitRunOptions) => Promise<GitResult>

// The only GIT_* variables we set, plus CA settings a corporate proxy needs for fetch to work.
// simple-git's environment guard rejects any others.
const PASSTHROUGH_GIT_ENV = ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH']
const ALLOWED_GIT_ENV = ['GIT_INDEX_FILE', 'GIT_TERMINAL_PROMPT', ...PASSTHROUGH_GIT_ENV]
// Non-GIT_ names simple-git also guards. Passing them explicitly would fail the call, and nothing we run
// may open an editor or a pager anyway.
const GUARDED_ENV = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass'])

function childEnv(extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    // Ambient GIT_DIR & co. (e.g. when Flightdeck is started from a git hook) would redirect every call.
    const lower = key.toLowerCase()
    const guarded = (lower.startsWith('git_') && !PASSTHROUGH_GIT_ENV.includes(key)) || GUARDED_ENV.has(lower)
    if (value !== undefined && !guarded) env[key] = value
  }
  // C locale keeps git's messages stable; no prompt so a fetch never hangs waiting for a password.
  return { ...env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0', ...extra }
}

export function createGitRunner(): GitRunner {
  return async (cwd, args, options = {}) => {
    if (!existsSync(cwd)) throw new WorkspaceError('not_found', `Directory ${cwd} does not exist`, { path: cwd })
    let exitCode = 0
    let stderr = ''
    const git = simpleGit({
      baseDir: cwd,
      allowEnvironment: ALLOWED_GIT_ENV,
      // Never let simple-git turn an exit code into an exception: we decide per call what is an answer.
      // Only a process that never ran (no positive exit code) stays an error.
      errors(error, result) {
        exitCode = result.exitCode
        stderr = Buffer.concat(result.stdErr).toString('utf8')
        return error instanceof Error && !(result.exitCode > 0) ? error : undefined
      },
    }).env(childEnv(options.env))
    let stdout: string
    try {
      stdout = await git.raw([...args])
    } catch (err) {
      throw new WorkspaceError('git_failed', `git ${args[0] ?? ''} could not run: ${(err as Error).message}`, { args: [...args] })
    }
    const ok = options.okExitCodes ?? [0]
    if (!ok.includes(exitCode)) {
      throw new WorkspaceError('git_failed', `git ${args[0] ?? ''} failed (exit ${exitCode}): ${firstLine(stderr) || firstLine(stdout)}`, {
        args: [...args],
        exitCode,
        stderr,
        path: cwd,
      })
    }
    return { stdout, stderr, exitCode }
  }
}

const firstLine = (text: string): string => text.trim().split('\n')[0] ?? ''

/** Wraps a runner to record every call; tests use it to count git invocations. */
export function countingRunner(inner: GitRunner): { run: GitRunner; calls: { cwd: string; args: string[] }[] } {
  const calls: { cwd: string; args: string[] }[] = []
  return {
    calls,
    run: (cwd, args, options) => {
      calls.push({ cwd, args: [...args] })
      return inner(cwd, args, options)
    },
  }
}
