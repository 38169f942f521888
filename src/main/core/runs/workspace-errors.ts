import { ApiError, type ErrorCode } from '../../../shared/errors'
import { isWorkspaceError } from '../workspaces'

const codeFor: Record<string, ErrorCode> = {
  conflict: 'conflict',
  behind_base: 'behind_base',
  base_dirty: 'dirty',
  worktree_dirty: 'dirty',
  uncommitted: 'dirty',
  unmerged: 'refused',
  nothing_to_merge: 'refused',
  base_not_checked_out: 'refused',
  wrong_branch: 'refused',
  not_found: 'not_found',
  invalid_input: 'invalid_input'
}

/** Runs a workspace operation and turns its refusals into API errors that keep the specifics (files). */
export async function workspaceCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!isWorkspaceError(error)) throw error
    const files = Array.isArray(error.details?.files) ? (error.details.files as string[]) : []
    const message = files.length && !files.every((f) => error.message.includes(f)) ? `${error.message}: ${files.join(', ')}` : error.message
    throw new ApiError(codeFor[error.code] ?? 'refused', message, undefined, { workspaceCode: error.code, ...(error.details ?? {}) })
  }
}
