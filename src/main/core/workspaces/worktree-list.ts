import type { GitRunner } from './git-runner'

export interface WorktreeEntry {
  path: string
  head: string | null
  /** Short branch name; null when detached or bare. */
  branch: string | null
  /** The first entry git lists is the repository's main worktree. */
  main: boolean
  /** Git knows the worktree but its directory is gone. */
  prunable: boolean
}

/** One `git worktree list --porcelain` call: every worktree of the repo with its HEAD and branch. */
export async function listWorktrees(git: GitRunner, repoPath: string): Promise<WorktreeEntry[]> {
  const { stdout } = await git(repoPath, ['worktree', 'list', '--porcelain', '-z'])
  return parseWorktreeList(stdout)
}

export function parseWorktreeList(stdout: string): WorktreeEntry[] {
  const entries: WorktreeEntry[] = []
  let current: WorktreeEntry | null = null
  for (const line of stdout.split('\0')) {
    if (line === '') {
      current = null
      continue
    }
    const space = line.indexOf(' ')
    const key = space === -1 ? line : line.slice(0, space)
    const value = space === -1 ? '' : line.slice(space + 1)
    if (key === 'worktree') {
      current = { path: value, head: null, branch: null, main: entries.length === 0, prunable: false }
      entries.push(current)
    } else if (current && key === 'HEAD') {
      current.head = value
    } else if (current && key === 'branch') {
      current.branch = value.replace(/^refs\/heads\//, '')
    } else if (current && key === 'prunable') {
      current.prunable = true
    }
  }
  return entries
}
