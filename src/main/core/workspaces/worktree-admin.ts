import { realpathSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'

/**
 * Git's worktree administration (add, remove, prune) is not safe to run concurrently on one repository: an
 * add reads every other worktree's folder under .git/worktrees, and one that a concurrent add has only half
 * made fails it ("failed to read .git/worktrees/<name>/commondir"), after it created the new branch. So in
 * this process the calls on one repository go one at a time; another process (the CLI beside `serve`) can
 * still race, and that failure is retried.
 */
const tails = new Map<string, Promise<unknown>>()

function oneAtATime<T>(repo: string, work: () => Promise<T>): Promise<T> {
  const repoPath = canonical(repo)
  const previous = tails.get(repoPath) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(work)
  const tail = next.catch(() => undefined)
  tails.set(repoPath, tail)
  void tail.then(() => tails.get(repoPath) === tail && tails.delete(repoPath))
  return next
}

const canonical = (path: string): string => {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** Another process's worktree administration under way: its half-made folder or its lock file. */
const racing = (error: unknown): boolean =>
  error instanceof WorkspaceError && /\/worktrees\/[^\s/]+\/(commondir|gitdir|HEAD)|\.lock'?: File exists/.test(String(error.details?.stderr ?? error.message))

const ATTEMPTS = 4

/**
 * `git worktree add` of `path` on `branch`: an existing branch, or with `newAt` a new one made at that commit.
 * A race with another process is retried; the branch its failed attempt already made is then checked out.
 */
export function addWorktree(git: GitRunner, repoPath: string, input: { path: string; branch: string; newAt?: string }): Promise<void> {
  return oneAtATime(repoPath, () => retried(async (attempt) => {
    const made = input.newAt !== undefined && attempt > 1 && (await branchAt(git, repoPath, input.branch)) === input.newAt
    await git(repoPath, input.newAt !== undefined && !made
      ? ['worktree', 'add', '-b', input.branch, '--end-of-options', input.path, input.newAt]
      : ['worktree', 'add', '--end-of-options', input.path, input.branch])
  }))
}

/** `git worktree remove` (forced: uncommitted changes go, the caller snapshotted them), or `prune` when the folder is gone. */
export function removeWorktree(git: GitRunner, repoPath: string, path: string, force: boolean): Promise<void> {
  return oneAtATime(repoPath, () => retried(() => git(repoPath, ['worktree', 'remove', ...(force ? ['--force', '--force'] : []), '--end-of-options', path])))
}

export function pruneWorktrees(git: GitRunner, repoPath: string): Promise<void> {
  return oneAtATime(repoPath, () => retried(() => git(repoPath, ['worktree', 'prune'])))
}

async function retried(call: (attempt: number) => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await call(attempt)
      return
    } catch (error) {
      if (!racing(error) || attempt === ATTEMPTS) throw error
      await sleep(50 * attempt)
    }
  }
}

async function branchAt(git: GitRunner, repoPath: string, branch: string): Promise<string | null> {
  const { stdout, exitCode } = await git(repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', headRef(branch)], { okExitCodes: [0, 1] })
  return exitCode === 0 ? stdout.trim() : null
}
