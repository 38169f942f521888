import { assertAbsolutePath, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import type { MergeCheck, WorkspaceRef } from './workspace-types'

/** Everything merge() needs to decide, gathered in four parallel read-only git calls. */
export interface MergeInspection extends MergeCheck {
  /** Branch checked out in the repo's main worktree (null when detached). */
  baseWorktreeBranch: string | null
  baseDirtyFiles: string[]
  worktreeDirtyFiles: string[]
}

/**
 * Reads ahead/behind, both worktrees' dirty state, and the conflicts a merge would produce. `merge-tree
 * --write-tree` merges in the object store only: no worktree, index or ref is touched.
 */
export async function inspectMerge(git: GitRunner, ws: WorkspaceRef): Promise<MergeInspection> {
  const repo = assertAbsolutePath(ws.repoPath, 'Repository path')
  const base = headRef(ws.baseBranch)
  const branch = headRef(ws.branch)
  const [counts, baseStatus, worktreeStatus, conflicts] = await Promise.all([
    git(repo, ['rev-list', '--left-right', '--count', '--end-of-options', `${base}...${branch}`]),
    readStatus(git, repo),
    readStatus(git, assertAbsolutePath(ws.path, 'Worktree path')),
    findConflicts(git, repo, base, branch),
  ])
  const [behindBy = 0, aheadBy = 0] = counts.stdout.trim().split(/\s+/).map(Number)
  // Only the worktree that has the base checked out can be "the base"; elsewhere its dirt is not ours.
  const baseDirtyFiles = baseStatus.branch === ws.baseBranch ? baseStatus.files : []
  return {
    behindBy,
    aheadBy,
    baseDirty: baseDirtyFiles.length > 0,
    worktreeDirty: worktreeStatus.files.length > 0,
    conflicts,
    baseWorktreeBranch: baseStatus.branch,
    baseDirtyFiles,
    worktreeDirtyFiles: worktreeStatus.files,
  }
}

export async function mergeCheck(git: GitRunner, ws: WorkspaceRef): Promise<MergeCheck> {
  const { behindBy, aheadBy, baseDirty, worktreeDirty, conflicts } = await inspectMerge(git, ws)
  return { behindBy, aheadBy, baseDirty, worktreeDirty, conflicts }
}

/** Exit 1 from `merge-tree --write-tree` means "conflicts"; the tree id comes first, then the file names. */
export async function findConflicts(git: GitRunner, cwd: string, ours: string, theirs: string): Promise<string[]> {
  const args = ['merge-tree', '--write-tree', '--name-only', '--no-messages', '-z', '--end-of-options', ours, theirs]
  const { stdout, exitCode } = await git(cwd, args, { okExitCodes: [0, 1] })
  if (exitCode === 0) return []
  return [...new Set(stdout.split('\0').slice(1).filter((name) => name !== ''))]
}

/** The tree a clean merge would produce, or null on conflicts; used to spot squash-merged branches. */
export async function mergedTree(git: GitRunner, cwd: string, ours: string, theirs: string): Promise<string | null> {
  const args = ['merge-tree', '--write-tree', '--no-messages', '--end-of-options', ours, theirs]
  const { stdout, exitCode } = await git(cwd, args, { okExitCodes: [0, 1] })
  return exitCode === 0 ? stdout.trim() : null
}
