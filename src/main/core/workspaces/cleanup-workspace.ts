import { existsSync, realpathSync } from 'node:fs'
import { assertAbsolutePath, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import { mergedTree } from './merge-check'
import { WorkspaceError } from './workspace-error'
import { pruneWorktrees, removeWorktree } from './worktree-admin'
import type { WorkspaceRef } from './workspace-types'
import { type WorktreeSnapshot, saveWorktreeSnapshot } from './worktree-snapshot'

export interface CleanupOptions {
  /** Keep the run branch after removing the worktree (the default: history outlives the workspace). */
  keepBranch?: boolean
  /** Proceed despite uncommitted or unmerged work (saved to a snapshot ref first when `snapshotPrefix` is set). */
  force?: boolean
  /** Where a forced cleanup saves the worktree's state first, e.g. refs/flightdeck/snapshots/<run>/. */
  snapshotPrefix?: string
}

export interface CleanupResult {
  removedWorktree: boolean
  deletedBranch: boolean
  /** The state a forced cleanup saved before discarding it: what was uncommitted, and where it is now. */
  snapshot?: WorktreeSnapshot
}

/** Removes the worktree, and the branch when asked, refusing to lose work unless forced. Checks run before any removal. */
export async function cleanup(git: GitRunner, ws: WorkspaceRef, options: CleanupOptions = {}): Promise<CleanupResult> {
  const { keepBranch = true, force = false } = options
  const repo = assertAbsolutePath(ws.repoPath, 'Repository path')
  const path = assertAbsolutePath(ws.path, 'Worktree path')
  const onDisk = existsSync(path)
  // Never the main checkout, whatever a record says: only a worktree of this repository is removed.
  if (onDisk && realpathSync(path) === realpathSync(repo)) throw new WorkspaceError('main_checkout', `${path} is the repository's main checkout; it is never removed`, { path })

  if (!force && onDisk) {
    const { files } = await readStatus(git, path)
    if (files.length > 0) {
      throw new WorkspaceError('uncommitted', `The worktree ${path} has ${files.length} uncommitted change(s)`, {
        files,
        path,
        hint: 'Checkpoint or merge the work, or clean up with force to discard it',
      })
    }
  }
  if (!force && !keepBranch) await assertMerged(git, ws)

  // Destructive means snapshot first: everything the worktree held stays reachable from a private ref.
  let snapshot: WorktreeSnapshot | undefined
  if (force && onDisk && options.snapshotPrefix) {
    const dirty = (await readStatus(git, path)).files.length > 0
    if (dirty || !keepBranch) snapshot = await saveWorktreeSnapshot(git, ws, options.snapshotPrefix, keepBranch ? 'a forced cleanup' : 'a forced cleanup that deletes the branch')
  }
  if (onDisk) {
    // A failed remove stops here (the error surfaces); it never escalates to deleting the folder by hand.
    await removeWorktree(git, repo, path, force)
  } else {
    // Directory already gone: drop git's stale record of it so the branch can be deleted.
    await pruneWorktrees(git, repo)
  }
  if (keepBranch) return { removedWorktree: onDisk, deletedBranch: false, snapshot }
  const exists = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', headRef(ws.branch)], { okExitCodes: [0, 1] })
  if (exists.exitCode !== 0) return { removedWorktree: onDisk, deletedBranch: false, snapshot }
  await git(repo, ['branch', '--delete', '--force', '--end-of-options', ws.branch])
  return { removedWorktree: onDisk, deletedBranch: true, snapshot }
}

/**
 * A branch counts as merged when its commits are in the base, or when merging it would not change the base's
 * tree, which is what a squash merge leaves behind.
 */
async function assertMerged(git: GitRunner, ws: WorkspaceRef): Promise<void> {
  const base = headRef(ws.baseBranch)
  const branch = headRef(ws.branch)
  const { stdout, exitCode } = await git(ws.repoPath, ['rev-list', '--count', '--end-of-options', `${base}..${branch}`], { okExitCodes: [0, 128] })
  if (exitCode !== 0) return // branch already gone: nothing to lose
  const unmerged = Number(stdout.trim())
  if (unmerged === 0) return
  const [tree, baseTree] = await Promise.all([
    mergedTree(git, ws.repoPath, base, branch),
    git(ws.repoPath, ['rev-parse', '--verify', '--end-of-options', `${base}^{tree}`]).then((r) => r.stdout.trim()),
  ])
  if (tree === baseTree) return
  throw new WorkspaceError('unmerged', `Branch '${ws.branch}' has ${unmerged} commit(s) not merged into '${ws.baseBranch}'`, {
    hint: 'Merge the branch first, keep the branch, or clean up with force to delete it anyway',
    unmerged,
  })
}
