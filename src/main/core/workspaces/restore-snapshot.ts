import { existsSync } from 'node:fs'
import { assertAbsolutePath, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'
import { addWorktree } from './worktree-admin'
import type { WorkspaceRef } from './workspace-types'
import { type WorktreeSnapshot, saveWorktreeSnapshot } from './worktree-snapshot'

/**
 * Brings a snapshot's files back into the run's worktree as uncommitted changes (the branch and the index stay
 * as they are). A worktree that was cleaned up is made again on its branch (or, when the branch went too, on a
 * new one at the snapshot's parent). What the worktree held before is snapshotted first, so this can be undone.
 */
export async function restoreSnapshot(git: GitRunner, ws: WorkspaceRef, prefix: string, n?: number): Promise<{ snapshot: WorktreeSnapshot; saved: WorktreeSnapshot | null }> {
  const path = assertAbsolutePath(ws.path, 'Worktree path')
  const refs = (await git(ws.repoPath, ['for-each-ref', '--format=%(refname) %(objectname)', prefix])).stdout.split('\n').filter(Boolean)
  const all = refs.map((line) => line.split(' ')).map(([ref = '', commit = '']) => ({ ref, commit, n: Number(ref.slice(prefix.length)) })).sort((a, b) => a.n - b.n)
  if (all.length === 0) throw new WorkspaceError('not_found', `no snapshot under ${prefix} (none was taken, or someone deleted the refs)`)
  const chosen = n === undefined ? all.at(-1)! : all.find((s) => s.n === n)
  if (!chosen) throw new WorkspaceError('not_found', `no snapshot ${n} under ${prefix}; there are ${all.map((s) => s.n).join(', ')}`)
  let saved: WorktreeSnapshot | null = null
  if (existsSync(path)) {
    saved = await saveWorktreeSnapshot(git, ws, prefix, `restoring snapshot ${chosen.n}`)
  } else {
    const branch = await git(ws.repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', headRef(ws.branch)], { okExitCodes: [0, 1] })
    await addWorktree(git, ws.repoPath, { path, branch: ws.branch, newAt: branch.exitCode === 0 ? undefined : `${chosen.commit}^` })
  }
  await git(path, ['restore', `--source=${chosen.commit}`, '--worktree', '--', '.'])
  const files = (await git(ws.repoPath, ['diff-tree', '--no-commit-id', '--name-only', '-r', `${chosen.commit}^`, chosen.commit])).stdout.split('\n').filter(Boolean)
  return { snapshot: { ref: chosen.ref, n: chosen.n, commit: chosen.commit, files }, saved }
}
