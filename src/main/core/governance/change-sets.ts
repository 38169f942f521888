import { readFileInside } from '../fs-safety/inside'
import { ApiError } from '../../../shared/errors'
import type { GitRunner, WorkspaceRef, WorkspaceService } from '../workspaces'
import { parseRawNumstat } from '../workspaces/workspace-changes'
import type { ChangeSet } from './checks/change-set'

const DIFF = ['diff', '--find-renames', '--no-color', '--no-ext-diff', '--no-textconv', '--raw', '--numstat', '-z']

/** Reads a file inside `root` only: no link anywhere on the path, no escaping paths. */
const readInside = (root: string, file: string) => readFileInside(root, file)

async function show(git: GitRunner, cwd: string, rev: string, file: string): Promise<string | null> {
  const { stdout, exitCode } = await git(cwd, ['show', `${rev}:${file}`], { okExitCodes: [0, 128] })
  return exitCode === 0 ? stdout : null
}

/** A run's completion: every change since the merge-base (committed or not), read from its worktree. */
export async function runChangeSet(git: GitRunner, workspaces: WorkspaceService, ws: WorkspaceRef): Promise<ChangeSet> {
  const [files, base, head] = await Promise.all([
    workspaces.listChanges(ws),
    // No shared history is listChanges' error to give, with its own message.
    git(ws.path, ['merge-base', '--end-of-options', `refs/heads/${ws.baseBranch}`, 'HEAD'], { okExitCodes: [0, 1] }).then(({ stdout, exitCode }) => (exitCode === 0 ? show(git, ws.path, stdout.trim(), 'package.json') : null)),
    readInside(ws.path, 'package.json')
  ])
  return { files, read: (file) => readInside(ws.path, file), manifests: { base, head } }
}

async function verify(git: GitRunner, cwd: string, rev: string): Promise<string> {
  const { stdout, exitCode } = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { okExitCodes: [0, 1, 128] })
  if (exitCode !== 0) throw new ApiError('invalid_input', `${rev} is not a commit in this repository`, 'range')
  return stdout.trim()
}

/**
 * A repository's changes without a run: `A..B` (B against A), `A...B` (B against their merge-base), a
 * single revision against the working tree, or the working tree against HEAD.
 */
export async function rangeChangeSet(git: GitRunner, repoPath: string, range?: string): Promise<ChangeSet> {
  const [left, right] = range ? range.split(/\.{2,3}/) : ['HEAD', undefined]
  let base = await verify(git, repoPath, left || 'HEAD')
  const head = right ? await verify(git, repoPath, right) : null
  if (head && range?.includes('...')) base = (await git(repoPath, ['merge-base', base, head])).stdout.trim()
  const { stdout } = await git(repoPath, [...DIFF, base, ...(head ? [head] : []), '--'])
  return {
    files: parseRawNumstat(stdout),
    read: (file) => (head ? show(git, repoPath, head, file) : readInside(repoPath, file)),
    manifests: { base: await show(git, repoPath, base, 'package.json'), head: head ? await show(git, repoPath, head, 'package.json') : await readInside(repoPath, 'package.json') }
  }
}
