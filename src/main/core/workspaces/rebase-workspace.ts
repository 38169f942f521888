import { assertAbsolutePath, headRef } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import { WorkspaceError } from './workspace-error'
import type { WorkspaceRef } from './workspace-types'

export interface RebaseResult {
  /** The run branch's new tip. */
  head: string
  /** False when the branch already contained the base. */
  rebased: boolean
}

/** Replays the run branch onto the base in its own worktree; a conflict aborts the rebase and names the files. */
export async function rebase(git: GitRunner, ws: WorkspaceRef): Promise<RebaseResult> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const status = await readStatus(git, cwd)
  if (status.branch !== ws.branch) {
    throw new WorkspaceError('wrong_branch', `The worktree ${cwd} has ${status.branch ?? 'a detached HEAD'} checked out, not '${ws.branch}'`, { path: cwd })
  }
  if (status.files.length > 0) {
    throw new WorkspaceError('worktree_dirty', 'Cannot rebase: the run worktree has uncommitted changes; checkpoint them first', {
      files: status.files,
      path: cwd,
    })
  }
  const before = await headSha(git, cwd)
  const args = [...(await identityArgs(git, cwd)), 'rebase', '--no-autostash', '--end-of-options', headRef(ws.baseBranch)]
  const result = await git(cwd, args, { okExitCodes: [0, 1] })
  if (result.exitCode !== 0) {
    const conflicted = await git(cwd, ['diff', '--name-only', '--diff-filter=U', '-z'])
    // Abort before reporting: the worktree goes back to exactly where it was, never half-rebased.
    await git(cwd, ['rebase', '--abort'])
    const files = conflicted.stdout.split('\0').filter((f) => f !== '')
    throw new WorkspaceError('conflict', `Rebasing '${ws.branch}' onto '${ws.baseBranch}' conflicts in ${files.length} file(s); the rebase was aborted`, {
      files,
      hint: 'Nothing was changed. Resolve the conflicts by hand or ask the agent to integrate the base branch.',
    })
  }
  const head = await headSha(git, cwd)
  return { head, rebased: head !== before }
}

async function headSha(git: GitRunner, cwd: string): Promise<string> {
  return (await git(cwd, ['rev-parse', '--verify', 'HEAD'])).stdout.trim()
}
