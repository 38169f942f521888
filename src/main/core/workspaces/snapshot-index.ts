import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { assertAbsolutePath, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'
import type { WorkspaceRef } from './workspace-types'

export interface Snapshot {
  /** Where the worktree's history meets the base branch; diffs are taken against this. */
  mergeBase: string
  /** Pass to every git call that should see the snapshot instead of the real index. */
  env: Record<string, string>
}

/**
 * Runs `fn` against a private copy of the worktree's index with every file added, so committed, staged,
 * unstaged and untracked changes all show up in one `diff --cached` without touching the agent's own index.
 * Copying the real index (rather than starting empty) keeps git's stat cache, so only changed files are hashed.
 */
export async function withSnapshot<T>(git: GitRunner, ws: WorkspaceRef, fn: (snapshot: Snapshot) => Promise<T>): Promise<T> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const [indexPath, mergeBase] = await Promise.all([
    git(cwd, ['rev-parse', '--git-path', 'index']).then((r) => resolve(cwd, r.stdout.trim())),
    findMergeBase(git, cwd, ws.baseBranch),
  ])
  const dir = await mkdtemp(join(tmpdir(), 'flightdeck-index-'))
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await copyFile(indexPath, env.GIT_INDEX_FILE).catch(() => undefined) // no index yet: start empty
    await git(cwd, ['add', '--all', '--verbose'], { env })
    return await fn({ mergeBase, env })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function findMergeBase(git: GitRunner, cwd: string, baseBranch: string): Promise<string> {
  const { stdout, exitCode } = await git(cwd, ['merge-base', '--end-of-options', headRef(baseBranch), 'HEAD'], { okExitCodes: [0, 1] })
  if (exitCode !== 0) {
    throw new WorkspaceError('base_missing', `The worktree ${cwd} shares no history with '${baseBranch}'`, { path: cwd })
  }
  return stdout.trim()
}
