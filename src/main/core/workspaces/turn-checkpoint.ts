import { existsSync } from 'node:fs'
import { copyFile, lstat, rm } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { assertAbsolutePath } from './git-args'
import { FLIGHTDECK_IDENTITY } from './git-identity'
import type { GitRunner } from './git-runner'
import { WorkspaceError } from './workspace-error'
import type { WorkspaceRef } from './workspace-types'
import { commitNumbered, numberedRefs, saveWorktreeSnapshot, type WorktreeSnapshot } from './worktree-snapshot'
import type { RunCheckpoint } from '../../../shared/contract/checkpoints'

/** Where a run's per-turn checkpoints live: refs/flightdeck/checkpoints/<run>/<n>. */
export const checkpointPrefix = (runId: string): string => `refs/flightdeck/checkpoints/${runId}/`

/** A checkpoint as the contract shows it (one definition: `RunCheckpoint`). */
export type TurnCheckpoint = RunCheckpoint

const MAX_FILES = 200

/** Where the agent's index and the run's own checkpoint index are (asked once per worktree: they do not move). */
const pathsByWorktree = new Map<string, { agent: string; kept: string }>()
async function indexPaths(git: GitRunner, cwd: string, runId: string): Promise<{ agent: string; kept: string }> {
  const key = `${cwd}\0${runId}`
  const known = pathsByWorktree.get(key)
  // A worktree made again (restore after cleanup) may have a new admin dir: ask again when the old one is gone.
  if (known && existsSync(dirname(known.kept))) return known
  const name = `flightdeck-checkpoint-index-${runId.replace(/[^A-Za-z0-9_-]/g, '_')}`
  const [agent = '', kept = ''] = (await git(cwd, ['rev-parse', '--git-path', 'index', '--git-path', name])).stdout.trim().split('\n')
  const paths = { agent: resolve(cwd, agent), kept: resolve(cwd, kept) }
  if (pathsByWorktree.size > 1_000) pathsByWorktree.clear()
  pathsByWorktree.set(key, paths)
  return paths
}

/**
 * Commits the worktree's state (tracked, untracked, deletions; not ignored files) as the run's next checkpoint,
 * without touching the branch, HEAD or the agent's index. Null when nothing changed since the newest checkpoint
 * (or, before the first, since HEAD).
 */
export async function saveTurnCheckpoint(git: GitRunner, ws: WorkspaceRef, runId: string, prompt: string | null): Promise<TurnCheckpoint | null> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const prefix = checkpointPrefix(runId)
  const [paths, refs] = await Promise.all([indexPaths(git, cwd, runId), numberedRefs(git, ws.repoPath, prefix)])
  const newest = refs.at(-1)
  // The run's own index, kept in the worktree's git dir between turns: its stat cache and cached subtrees stay
  // current, so only what changed since the last turn is hashed. It starts as a copy of the agent's index.
  const env = { GIT_INDEX_FILE: paths.kept }
  if (!existsSync(paths.kept)) await copyFile(paths.agent, paths.kept).catch(() => undefined)
  await git(cwd, ['add', '--all'], { env })
  // Three reads of the updated index and HEAD at once: the tree, what changed since the last checkpoint, the parent.
  const [tree, diff, head] = await Promise.all([
    git(cwd, ['write-tree'], { env }).then((r) => r.stdout.trim()),
    git(cwd, ['diff-index', '--cached', '--name-only', '-z', '--no-renames', newest?.commit ?? 'HEAD', '--'], { env }),
    git(cwd, ['rev-parse', '--verify', 'HEAD']).then((r) => r.stdout.trim())
  ])
  const changed = diff.stdout.split('\0').filter(Boolean)
  if (changed.length === 0 || tree === newest?.tree) return null
  const summary = prompt === null ? null : oneLine(prompt)
  const body = JSON.stringify({ prompt: summary, filesChanged: changed.length, files: changed.slice(0, MAX_FILES) })
  // Checkpoints are Flightdeck's own commits on a private ref: its identity, no config lookup per turn.
  const identity = ['-c', `user.name=${FLIGHTDECK_IDENTITY.name}`, '-c', `user.email=${FLIGHTDECK_IDENTITY.email}`]
  const saved = await commitNumbered(git, ws, prefix, { tree, head }, `flightdeck: checkpoint after a turn\n\n${body}`, { after: newest?.n ?? 0, identity })
  return { ...saved, head, at: Date.now(), files: changed.slice(0, MAX_FILES), filesChanged: changed.length, prompt: summary }
}

/** The run's checkpoints, oldest first, read from the refs themselves (they outlive the database). */
export async function listTurnCheckpoints(git: GitRunner, repoPath: string, runId: string): Promise<TurnCheckpoint[]> {
  const prefix = checkpointPrefix(runId)
  const format = '%(refname)%00%(objectname)%00%(committerdate:unix)%00%(parent)%00%(contents:body)%00%01'
  const out = (await git(repoPath, ['for-each-ref', `--format=${format}`, prefix])).stdout
  const list: TurnCheckpoint[] = []
  for (const record of out.split('\x01')) {
    const [ref = '', commit = '', at = '0', head = '', body = ''] = record.replace(/^\n/, '').split('\0')
    const n = Number(ref.slice(prefix.length))
    if (!ref.startsWith(prefix) || !Number.isInteger(n) || n < 1) continue
    const meta = parseBody(body)
    list.push({ ref, n, commit, head: head.split(' ')[0] ?? '', at: Number(at) * 1000, files: meta.files, filesChanged: meta.filesChanged, prompt: meta.prompt })
  }
  return list.sort((a, b) => a.n - b.n)
}

/** A unified diff between two of the run's checkpoints (0 means the worktree's HEAD when checkpoint 1 was taken). */
export async function diffTurnCheckpoints(git: GitRunner, repoPath: string, runId: string, from: number, to: number): Promise<string> {
  const all = await listTurnCheckpoints(git, repoPath, runId)
  const pick = (n: number): string => {
    if (n === 0 && all[0]) return all[0].head
    const found = all.find((c) => c.n === n)
    if (!found) throw new WorkspaceError('not_found', `run ${runId} has no checkpoint ${n}; it has ${all.map((c) => c.n).join(', ') || 'none'}`)
    return found.commit
  }
  return (await git(repoPath, ['diff', '--no-ext-diff', '--no-color', '--binary', pick(from), pick(to), '--'])).stdout
}

export interface RewindResult {
  checkpoint: TurnCheckpoint
  /** What the worktree held before the rewind: `run restore RUN --snapshot N` undoes the rewind. */
  saved: WorktreeSnapshot
  /** Paths the rewind changed in the worktree. */
  files: string[]
  /** Branch commits made after the checkpoint: kept on the branch; their changes show as uncommitted reverts. */
  laterCommits: number
}

/**
 * Sets the worktree's files to a checkpoint after saving what it holds now as a snapshot (so the rewind can be
 * undone with `run restore`). The branch, HEAD and the agent's index are not moved: commits made after the
 * checkpoint stay on the branch and the rewound files show as uncommitted changes against them.
 */
export async function rewindToCheckpoint(git: GitRunner, ws: WorkspaceRef, runId: string, n: number, snapshotPrefix: string): Promise<RewindResult> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const checkpoint = (await listTurnCheckpoints(git, ws.repoPath, runId)).find((c) => c.n === n)
  if (!checkpoint) throw new WorkspaceError('not_found', `run ${runId} has no checkpoint ${n} (none was taken, or its ref ${checkpointPrefix(runId)}${n} was deleted)`)
  const saved = await saveWorktreeSnapshot(git, ws, snapshotPrefix, `rewinding to checkpoint ${n}`)
  const changes = (await git(cwd, ['diff-tree', '-r', '-z', '--name-status', '--no-renames', checkpoint.commit, saved.commit])).stdout.split('\0').filter(Boolean)
  const files: string[] = []
  for (let i = 0; i + 1 < changes.length; i += 2) {
    const status = changes[i] ?? ''
    const file = changes[i + 1] ?? ''
    files.push(file)
    // Added since the checkpoint (tracked or not): removed from the worktree; the snapshot has it.
    if (status === 'A') await removeInside(cwd, file)
  }
  if (files.length > 0) await git(cwd, ['restore', `--source=${checkpoint.commit}`, '--worktree', '--', '.'])
  const later = (await git(cwd, ['rev-list', '--count', `${checkpoint.head}..HEAD`], { okExitCodes: [0, 128] })).stdout.trim()
  return { checkpoint, saved, files, laterCommits: Number(later) || 0 }
}

async function removeInside(root: string, file: string): Promise<void> {
  const target = resolve(root, file)
  const rel = relative(root, target)
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('.git')) throw new WorkspaceError('invalid_input', `refusing to remove ${file}: not inside the worktree ${root}`)
  const st = await lstat(target).catch(() => null)
  if (st && !st.isDirectory()) await rm(join(root, rel), { force: true })
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 200 ? `${line.slice(0, 199)}…` : line
}

function parseBody(body: string): { prompt: string | null; files: string[]; filesChanged: number } {
  try {
    const v = JSON.parse(body.trim()) as { prompt?: unknown; files?: unknown; filesChanged?: unknown }
    const files = Array.isArray(v.files) ? v.files.filter((f): f is string => typeof f === 'string') : []
    return { prompt: typeof v.prompt === 'string' ? v.prompt : null, files, filesChanged: typeof v.filesChanged === 'number' ? v.filesChanged : files.length }
  } catch {
    return { prompt: null, files: [], filesChanged: 0 }
  }
}
