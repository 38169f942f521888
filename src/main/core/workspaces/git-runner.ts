import { existsSync } from 'node:fs'
import { GitHost, GitHostStopped, type GitProcessResult } from './git-host'
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

// CA settings a corporate proxy needs for fetch to work pass through; every other ambient GIT_* is dropped.
const PASSTHROUGH_GIT_ENV = ['GIT_SSL_CAINFO', 'GIT_SSL_CAPATH']
// Nothing we run may open an editor or a pager, or ask for a password.
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

/** One git host per process: every runner shares it (see git-host.ts for why git starts from a process of its own). */
let host: GitHost | undefined

export function createGitRunner(): GitRunner {
  // The environment without the call's extras, computed once: copying process.env for each of thousands of calls showed in profiles.
  let base: Record<string, string> | undefined
  return async (cwd, args, options = {}) => {
    if (!existsSync(cwd)) throw new WorkspaceError('not_found', `Directory ${cwd} does not exist`, { path: cwd })
    base ??= childEnv(undefined)
    host ??= new GitHost()
    let result: GitProcessResult
    try {
      result = await host.run(cwd, args, options.env ? { ...base, ...options.env } : base)
    } catch (err) {
      const interrupted = err instanceof GitHostStopped
      throw new WorkspaceError('git_failed', `git ${args[0] ?? ''} could not run: ${(err as Error).message}`, { args: [...args], ...(interrupted ? { interrupted } : {}) })
    }
    const ok = options.okExitCodes ?? [0]
    if (result.signal) throw new WorkspaceError('git_failed', `git ${args[0] ?? ''} was killed by ${result.signal}`, { args: [...args], exitCode: result.exitCode, path: cwd, interrupted: true })
    if (!ok.includes(result.exitCode)) {
      throw new WorkspaceError('git_failed', `git ${args[0] ?? ''} failed (exit ${result.exitCode}): ${reason(result.stderr) || reason(result.stdout)}`, {
        args: [...args],
        exitCode: result.exitCode,
        stderr: result.stderr,
        path: cwd,
      })
    }
    return result
  }
}

/** What git said went wrong: its fatal or error line (progress such as "Preparing worktree" comes first), else its first line. */
const reason = (text: string): string => {
  const lines = text.trim().split('\n')
  return lines.find((l) => /^(fatal|error): /.test(l)) ?? lines[0] ?? ''
}

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
