import { existsSync } from 'node:fs'
import path from 'node:path'
import { assertAbsolutePath, headRef } from '../workspaces/git-args'
import { identityArgs } from '../workspaces/git-identity'
import { readStatus } from '../workspaces/git-status'
import { type GitRunner, type WorkspaceRef, WorkspaceError } from '../workspaces'

/** Where a run's branch tips are kept before each landing touches the branch: nothing is ever unreachable. */
export const snapshotPrefix = (runId: string): string => `refs/flightdeck/snapshots/${runId}/`

const sha = async (git: GitRunner, cwd: string, rev: string): Promise<string> => (await git(cwd, ['rev-parse', '--verify', '--end-of-options', rev])).stdout.trim()

/** Saves the branch tip as refs/flightdeck/snapshots/<run>/<n> unless the newest snapshot already is that commit. */
export async function snapshotBranch(git: GitRunner, ws: WorkspaceRef, runId: string): Promise<string> {
  const tip = await sha(git, ws.repoPath, headRef(ws.branch))
  const refs = (await git(ws.repoPath, ['for-each-ref', '--format=%(refname) %(objectname)', snapshotPrefix(runId)])).stdout.trim().split('\n').filter(Boolean)
  const numbered = refs.map((line) => line.split(' ')).map(([ref = '', obj = '']) => ({ n: Number(ref.slice(snapshotPrefix(runId).length)), obj }))
  const newest = numbered.sort((a, b) => b.n - a.n)[0]
  if (newest?.obj === tip) return `${snapshotPrefix(runId)}${newest.n}`
  const ref = `${snapshotPrefix(runId)}${(newest?.n ?? 0) + 1}`
  await git(ws.repoPath, ['update-ref', ref, tip])
  return ref
}

/** A landing interrupted by a crash may have left a rebase or merge half-done in the worktree: abort it. */
export async function abortInProgress(git: GitRunner, ws: WorkspaceRef): Promise<void> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const gitPath = async (name: string) => path.resolve(cwd, (await git(cwd, ['rev-parse', '--git-path', name])).stdout.trim())
  if (existsSync(await gitPath('rebase-merge')) || existsSync(await gitPath('rebase-apply'))) await git(cwd, ['rebase', '--abort'])
  if (existsSync(await gitPath('MERGE_HEAD'))) await git(cwd, ['merge', '--abort'])
}

/**
 * Brings the run branch up to date with the base in its own worktree: by rebasing or by merging the base in.
 * A conflict is aborted before anything is reported, so the worktree is exactly as it was.
 */
export async function integrateBase(git: GitRunner, ws: WorkspaceRef, strategy: 'rebase' | 'merge'): Promise<void> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const status = await readStatus(git, cwd)
  if (status.branch !== ws.branch) throw new WorkspaceError('wrong_branch', `the worktree ${cwd} has ${status.branch ?? 'a detached HEAD'} checked out, not '${ws.branch}'`, { path: cwd })
  if (status.files.length > 0) throw new WorkspaceError('worktree_dirty', 'the run worktree has uncommitted changes', { files: status.files, path: cwd })
  const args = strategy === 'rebase' ? ['rebase', '--no-autostash', '--end-of-options', headRef(ws.baseBranch)] : ['merge', '--no-edit', '--no-ff', `-mMerge ${ws.baseBranch} into ${ws.branch}`, '--end-of-options', headRef(ws.baseBranch)]
  const result = await git(cwd, [...(await identityArgs(git, cwd)), ...args], { okExitCodes: [0, 1] })
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
