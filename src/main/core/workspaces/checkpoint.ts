import { assertAbsolutePath } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'
import type { WorkspaceRef } from './workspace-types'

/**
 * Commits everything in the worktree (tracked, deleted and untracked, minus ignored files) so a validator
 * can inspect an exact sha. Returns null when there is nothing to commit.
 */
export async function checkpoint(git: GitRunner, ws: Pick<WorkspaceRef, 'path'>, message: string): Promise<string | null> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  if (message.trim() === '') throw new WorkspaceError('invalid_input', 'A checkpoint needs a commit message')
  // --verbose and --name-only are there for their output: simple-git 4 waits 50 ms after a silent child.
  await git(cwd, ['add', '--all', '--verbose'])
  const staged = await git(cwd, ['diff', '--cached', '--name-only', '-z', '--no-ext-diff'])
  if (staged.stdout === '') return null
  // --no-verify: a checkpoint records the agent's state as it is; hooks that reject it would hide exactly
  // the state a validator needs to see. Validation runs separately.
  await git(cwd, [...(await identityArgs(git, cwd)), 'commit', '--no-verify', `--message=${message}`])
  const { stdout } = await git(cwd, ['rev-parse', '--verify', 'HEAD'])
  return stdout.trim()
}
