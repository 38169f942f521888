import type { GitRunner } from './git-runner'

export interface PorcelainStatus {
  /** The checked-out branch, or null when HEAD is detached. */
  branch: string | null
  /** Changed, staged and untracked paths (untracked directories end with '/'). */
  files: string[]
}

/**
 * One `git status` call that answers both "which branch" and "what is dirty". `--no-optional-locks` stops
 * status from rewriting the index, so reading never races an agent's own git commands.
 */
export async function readStatus(git: GitRunner, worktreePath: string): Promise<PorcelainStatus> {
  const { stdout } = await git(worktreePath, ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--branch'])
  return parsePorcelainStatus(stdout)
}

export function parsePorcelainStatus(stdout: string): PorcelainStatus {
  const entries = stdout.split('\0')
  let branch: string | null = null
  const files: string[] = []
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? ''
    if (entry === '') continue
    if (entry.startsWith('## ')) {
      branch = parseBranchHeader(entry.slice(3))
      continue
    }
    files.push(entry.slice(3))
    // Renames and copies carry their source path as the next entry.
    if (/^[RC]|^.[RC]/.test(entry)) i++
  }
  return { branch, files }
}

function parseBranchHeader(header: string): string | null {
  if (header.startsWith('HEAD (no branch)')) return null
  const unborn = /^No commits yet on (.+)$/.exec(header)
  if (unborn) return unborn[1] ?? null
  return header.split('...')[0]?.split(' ')[0] ?? null
}
