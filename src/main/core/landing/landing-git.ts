import { existsSync } from 'node:fs'
import path from 'node:path'
import { assertAbsolutePath, headRef } from '../workspaces/git-args'
import { identityArgs } from '../workspaces/git-identity'
import { readStatus } from '../workspaces/git-status'
import { saveWorktreeSnapshot } from '../workspaces/worktree-snapshot'
import { type GitRunner, type WorkspaceRef, WorkspaceError } from '../workspaces'

/** Where a run's branch tips are kept before each landing touches the branch: nothing is ever unreachable. */
export const snapshotPrefix = (runId: string): string => `refs/flightdeck/snapshots/${runId}/`

/**
 * Saves the worktree before a landing touches the branch, through the one snapshot mechanism: its tip when
 * nothing is uncommitted (the newest snapshot reused when it already is that commit), else its whole state.
 */
export async function snapshotBranch(git: GitRunner, ws: WorkspaceRef, runId: string): Promise<string> {
  // Both at once: a snapshot of a worktree whose branch is gone harms nothing, and the missing branch is what is said.
  const [exists, saved] = await Promise.allSettled([
    git(ws.repoPath, ['rev-parse', '--verify', '--quiet', '--end-of-options', headRef(ws.branch)], { okExitCodes: [0, 1] }),
    saveWorktreeSnapshot(git, ws, snapshotPrefix(runId), 'landing', { reuseClean: true })
  ])
  if (exists.status === 'fulfilled' && exists.value.exitCode !== 0) throw new WorkspaceError('not_found', `the run branch '${ws.branch}' does not exist`)
  if (exists.status === 'rejected') throw exists.reason
  if (saved.status === 'rejected') throw saved.reason
  return saved.value.ref
}

/** A landing interrupted by a crash may have left a rebase or merge half-done in the worktree: abort it. */
export async function abortInProgress(git: GitRunner, ws: WorkspaceRef): Promise<void> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const out = (await git(cwd, ['rev-parse', '--git-path', 'rebase-merge', '--git-path', 'rebase-apply', '--git-path', 'MERGE_HEAD'])).stdout.trim().split('\n')
  const [rebaseMerge = '', rebaseApply = '', mergeHead = ''] = out.map((p) => path.resolve(cwd, p))
  if (existsSync(rebaseMerge) || existsSync(rebaseApply)) await git(cwd, ['rebase', '--abort'])
  if (existsSync(mergeHead)) await git(cwd, ['merge', '--abort'])
}

/**
 * A merge killed before it recorded itself (no MERGE_HEAD yet) leaves its result staged in the worktree, which
 * abortInProgress cannot see. Called only once this landing's snapshot holds that state: back to the branch tip.
 */
export async function undoHalfIntegration(git: GitRunner, ws: WorkspaceRef): Promise<void> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  if ((await readStatus(git, cwd)).files.length > 0) await git(cwd, ['reset', '--hard', '--quiet', 'HEAD'])
}

/**
 * Brings the run branch up to date with the base in its own worktree: by rebasing or by merging the base in.
 * A conflict is aborted before anything is reported, so the worktree is exactly as it was.
 */
export async function integrateBase(git: GitRunner, ws: WorkspaceRef, strategy: 'rebase' | 'merge'): Promise<void> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const [status, identity] = await Promise.all([readStatus(git, cwd), identityArgs(git, cwd)])
  if (status.branch !== ws.branch) throw new WorkspaceError('wrong_branch', `the worktree ${cwd} has ${status.branch ?? 'a detached HEAD'} checked out, not '${ws.branch}'`, { path: cwd })
  if (status.files.length > 0) throw new WorkspaceError('worktree_dirty', 'the run worktree has uncommitted changes', { files: status.files, path: cwd })
  const args = strategy === 'rebase' ? ['rebase', '--no-autostash', '--end-of-options', headRef(ws.baseBranch)] : ['merge', '--no-edit', '--no-ff', `-mMerge ${ws.baseBranch} into ${ws.branch}`, '--end-of-options', headRef(ws.baseBranch)]
  const result = await git(cwd, [...identity, ...args], { okExitCodes: [0, 1] })
  if (result.exitCode === 0) return
  const conflicted = await git(cwd, ['diff', '--name-only', '--diff-filter=U', '-z'])
  await git(cwd, strategy === 'rebase' ? ['rebase', '--abort'] : ['merge', '--abort'])
  const files = conflicted.stdout.split('\0').filter((f) => f !== '')
  throw new WorkspaceError('conflict', `bringing '${ws.branch}' up to date with '${ws.baseBranch}' conflicts in ${files.join(', ') || 'the worktree'}`, { files })
}

/** True when the base's newest commit is the landing of this run (the merge went through before a crash). */
export async function alreadyLanded(git: GitRunner, ws: WorkspaceRef, runId: string): Promise<string | null> {
  const { stdout } = await git(ws.repoPath, ['log', '-1', '--format=%H%x00%s', headRef(ws.baseBranch)])
  const [hash = '', subject = ''] = stdout.trim().split('\0')
  return subject.endsWith(`(run ${runId})`) ? hash : null
}

export interface OtherSide {
  /** Commits the base took (first parent: each landing) since the branch forked that touch the files. */
  landings: { sha: string; subject: string; runId: string | null }[]
  /** `git diff --stat` of those files between the fork point and the base, then the start of the diff itself. */
  summary: string
}

/** What the base did to the conflicting files since the run branched off: the other side's intent. */
export async function otherSide(git: GitRunner, ws: WorkspaceRef, files: string[]): Promise<OtherSide> {
  const base = headRef(ws.baseBranch)
  const fork = (await git(ws.repoPath, ['merge-base', base, headRef(ws.branch)])).stdout.trim()
  const paths = files.length ? ['--', ...files] : []
  const log = await git(ws.repoPath, ['log', '--first-parent', '--format=%H%x00%P%x00%s', `${fork}..${base}`])
  const landings: OtherSide['landings'] = []
  for (const line of log.stdout.trim().split('\n').filter(Boolean)) {
    const [hash = '', parents = '', subject = ''] = line.split('\0')
    const parent = parents.split(' ')[0]
    const touched = parent ? (await git(ws.repoPath, ['diff', '--name-only', parent, hash, ...paths])).stdout.trim() : 'root'
    if (touched) landings.push({ sha: hash, subject, runId: /\(run ([A-Za-z0-9_-]+)\)$/.exec(subject)?.[1] ?? null })
  }
  const stat = (await git(ws.repoPath, ['diff', '--stat', fork, base, ...paths])).stdout.trim()
  const lines = (await git(ws.repoPath, ['diff', '--unified=2', fork, base, ...paths])).stdout.split('\n')
  const excerpt = lines.slice(0, 60).join('\n') + (lines.length > 60 ? `\n… (${lines.length - 60} more lines)` : '')
  return { landings: landings.slice(0, 10), summary: `${stat}\n\n${excerpt}`.trim() }
}
