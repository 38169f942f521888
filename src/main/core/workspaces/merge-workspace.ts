import { headRef } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { inspectMerge } from './merge-check'
import { WorkspaceError } from './workspace-error'
import type { WorkspaceRef } from './workspace-types'

export interface MergeOptions {
  strategy: 'merge' | 'squash'
  /** Commit message; defaults to "Merge branch '<branch>'" or "Squash merge of <branch>". */
  message?: string
}

/**
 * Lands the run branch on the base branch in the repo's main worktree and returns the new base sha.
 * Every refusal happens before anything is written. Because a branch that is behind is refused, the base is
 * always an ancestor of the branch here, so the result tree is exactly the branch's tree: we build the commit
 * with `commit-tree` and fast-forward the base to it, which cannot leave a half-merged worktree behind.
 */
export async function merge(git: GitRunner, ws: WorkspaceRef, options: MergeOptions): Promise<string> {
  // The refusals' facts, the tips and the identity in one parallel batch: a landing waits on each serial git.
  const [check, tips, identity] = await Promise.all([
    inspectMerge(git, ws),
    // No --end-of-options: plain rev-parse echoes it back as output. Fully qualified refs cannot start with '-'.
    git(ws.repoPath, ['rev-parse', headRef(ws.baseBranch), headRef(ws.branch), `${headRef(ws.branch)}^{tree}`], { okExitCodes: [0, 128] }),
    identityArgs(git, ws.repoPath)
  ])
  if (check.baseWorktreeBranch !== ws.baseBranch) {
    throw new WorkspaceError(
      'base_not_checked_out',
      `Cannot merge: ${ws.repoPath} has ${check.baseWorktreeBranch ? `'${check.baseWorktreeBranch}'` : 'a detached HEAD'} checked out, not the base branch '${ws.baseBranch}'`,
      { path: ws.repoPath }
    )
  }
  if (check.baseDirty) {
    throw new WorkspaceError('base_dirty', `Cannot merge: '${ws.baseBranch}' in ${ws.repoPath} has uncommitted changes`, {
      files: check.baseDirtyFiles,
      path: ws.repoPath,
    })
  }
  if (check.worktreeDirty) {
    throw new WorkspaceError('worktree_dirty', `Cannot merge: the run worktree has uncommitted changes; checkpoint them first`, {
      files: check.worktreeDirtyFiles,
      path: ws.path,
    })
  }
  if (check.conflicts.length > 0) {
    throw new WorkspaceError('conflict', `Cannot merge '${ws.branch}' into '${ws.baseBranch}': ${check.conflicts.length} file(s) conflict`, {
      files: check.conflicts,
      hint: 'Resolve the conflicts on the run branch (for example by rebasing it in its worktree), then merge again',
    })
  }
  if (check.behindBy > 0) {
    throw new WorkspaceError('behind_base', `Cannot merge: '${ws.branch}' is ${check.behindBy} commit(s) behind '${ws.baseBranch}'`, {
      hint: 'Rebase the run branch onto the base (offered as a one-click rebase), then merge',
      behindBy: check.behindBy,
    })
  }
  if (check.aheadBy === 0) {
    throw new WorkspaceError('nothing_to_merge', `'${ws.branch}' has no commits that '${ws.baseBranch}' does not already have`)
  }

  const [baseSha, branchSha, tree] = tips.stdout.trim().split('\n')
  if (tips.exitCode !== 0 || !baseSha || !branchSha || !tree) throw new WorkspaceError('git_failed', `Could not resolve '${ws.baseBranch}' and '${ws.branch}'`)
  const squash = options.strategy === 'squash'
  const message = options.message?.trim() || (squash ? `Squash merge of ${ws.branch}` : `Merge branch '${ws.branch}'`)
  const parents = squash ? ['-p', baseSha] : ['-p', baseSha, '-p', branchSha]
  // `-m<message>` in stuck form so a message starting with '-' cannot be read as an option.
  const commit = await git(ws.repoPath, [...identity, 'commit-tree', ...parents, `-m${message}`, tree])
  const sha = commit.stdout.trim()
  // --ff-only: if the base moved since the checks, this fails and leaves everything as it was.
  await git(ws.repoPath, ['merge', '--ff-only', '--end-of-options', sha])
  return sha
}
