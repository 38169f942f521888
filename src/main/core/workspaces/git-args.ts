import { isAbsolute } from 'node:path'
import { isValidBranchName } from './branch-name'
import { WorkspaceError } from './workspace-error'

/**
 * Refuses anything git could read as an option or as revision syntax. Names reach us from the database and
 * the policy file, so they are checked at every use rather than trusted from creation time.
 */
export function assertBranchName(name: string, what = 'Branch'): string {
  if (!isValidBranchName(name)) {
    throw new WorkspaceError('invalid_input', `${what} name ${JSON.stringify(name.slice(0, 80))} is not a valid branch name`)
  }
  return name
}

/** Absolute paths cannot start with '-', which is what makes them safe as positional git arguments. */
export function assertAbsolutePath(path: string, what = 'Path'): string {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new WorkspaceError('invalid_input', `${what} ${JSON.stringify(path.slice(0, 200))} must be an absolute path`, { path })
  }
  return path
}

/** Fully qualified, so a branch can never be mistaken for a tag, a remote ref or a file. */
export const headRef = (branch: string): string => `refs/heads/${assertBranchName(branch)}`
