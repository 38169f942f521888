/** Every way a workspace operation can refuse or fail; the lead maps these onto the API's error data. */
export type WorkspaceErrorCode =
  | 'invalid_input'
  | 'not_a_repo'
  | 'not_found'
  | 'base_missing'
  | 'base_not_checked_out'
  | 'branch_exists'
  | 'path_exists'
  | 'behind_base'
  | 'base_dirty'
  | 'worktree_dirty'
  | 'conflict'
  | 'nothing_to_merge'
  | 'wrong_branch'
  | 'uncommitted'
  | 'unmerged'
  | 'git_failed'
  | 'main_checkout'

export interface WorkspaceErrorDetails {
  /** Files that caused the refusal (dirty, conflicting, uncommitted). */
  files?: string[]
  /** What the caller can do next, e.g. offer a rebase. */
  hint?: string
  /** The path the error is about, when there is one. */
  path?: string
  /** Raw git output for 'git_failed', so the user can see what git said. */
  stderr?: string
  args?: string[]
  exitCode?: number
  /** For 'git_failed': git was killed from outside, or its host died, mid-way; nothing is known about the work. */
  interrupted?: boolean
  [key: string]: unknown
}

export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError'

  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
    readonly details: WorkspaceErrorDetails = {}
  ) {
    super(message)
  }
}

export const isWorkspaceError = (err: unknown, code?: WorkspaceErrorCode): err is WorkspaceError =>
  err instanceof WorkspaceError && (code === undefined || err.code === code)
