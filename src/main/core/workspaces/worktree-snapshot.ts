import { mkdtemp, copyFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { assertAbsolutePath } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import type { WorkspaceRef } from './workspace-types'

export interface WorktreeSnapshot {
  /** refs/flightdeck/snapshots/<run>/<n> */
  ref: string
  n: number
  commit: string
  /** What was uncommitted (tracked changes and untracked files) and is now only on the snapshot. */
  files: string[]
}

/**
 * Commits the worktree's whole state (committed history, staged, unstaged and untracked files; not ignored
 * ones) to a private ref before anything destructive, without touching the branch or the index the agent
 * sees: a private index gets every file, and the commit's parent is the worktree's HEAD.
 */
export async function saveWorktreeSnapshot(git: GitRunner, ws: WorkspaceRef, prefix: string, reason: string): Promise<WorktreeSnapshot> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const { files } = await readStatus(git, cwd)
  const indexPath = resolve(cwd, (await git(cwd, ['rev-parse', '--git-path', 'index'])).stdout.trim())
  const dir = await mkdtemp(join(tmpdir(), 'flightdeck-snapshot-'))
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') }
    await copyFile(indexPath, env.GIT_INDEX_FILE).catch(() => undefined)
    await git(cwd, ['add', '--all'], { env })
    const tree = (await git(cwd, ['write-tree'], { env })).stdout.trim()
    const head = (await git(cwd, ['rev-parse', '--verify', 'HEAD'])).stdout.trim()
    const commit = (await git(cwd, [...(await identityArgs(git, cwd)), 'commit-tree', tree, '-p', head, '-m', `flightdeck: snapshot before ${reason}`])).stdout.trim()
    const taken = (await git(ws.repoPath, ['for-each-ref', '--format=%(refname)', prefix])).stdout.split('\n').filter(Boolean)
    const n = Math.max(0, ...taken.map((r) => Number(r.slice(prefix.length))).filter(Number.isFinite)) + 1
    // The all-zero old value: fails rather than overwrite if another process took the same number.
    await git(ws.repoPath, ['update-ref', `${prefix}${n}`, commit, '0'.repeat(40)])
    return { ref: `${prefix}${n}`, n, commit, files }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
