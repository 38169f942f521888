import { existsSync } from 'node:fs'
import { mkdtemp, copyFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { assertAbsolutePath } from './git-args'
import { identityArgs } from './git-identity'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import type { WorkspaceRef } from './workspace-types'

export interface WorktreeSnapshot {
  /** refs/flightdeck/snapshots/<run>/<n> (or refs/flightdeck/checkpoints/<run>/<n> for a turn's checkpoint) */
  ref: string
  n: number
  commit: string
  /** What was uncommitted (tracked changes and untracked files) and is now only on the snapshot. */
  files: string[]
}

/**
 * The worktree's whole state as a tree, from a private index (the agent's own index is untouched): a throwaway
 * copy of the agent's, or with `keepIndex`, a named one kept in the worktree's git dir between calls, so its stat
 * cache and cached subtrees stay current (per-turn checkpoints: only what changed since the last is hashed).
 */
export async function worktreeTree(git: GitRunner, cwd: string, options: { keepIndex?: string } = {}): Promise<{ tree: string; head: string; headTree: string }> {
  // One call for the index paths, HEAD and HEAD's tree.
  const kept = options.keepIndex ? ['--git-path', options.keepIndex] : []
  const lines = (await git(cwd, ['rev-parse', '--git-path', 'index', ...kept, 'HEAD', 'HEAD^{tree}'])).stdout.trim().split('\n')
  const [indexRel = '', keptRel = ''] = lines
  const [head = '', headTree = ''] = lines.slice(options.keepIndex ? 2 : 1)
  const dir = options.keepIndex ? undefined : await mkdtemp(join(tmpdir(), 'flightdeck-snapshot-'))
  try {
    const env = { GIT_INDEX_FILE: dir ? join(dir, 'index') : resolve(cwd, keptRel) }
    // Starting from the real index keeps git's stat cache: only files changed since are hashed again.
    if (dir || !existsSync(env.GIT_INDEX_FILE)) await copyFile(resolve(cwd, indexRel), env.GIT_INDEX_FILE).catch(() => undefined)
    await git(cwd, ['add', '--all'], { env })
    const tree = (await git(cwd, ['write-tree'], { env })).stdout.trim()
    return { tree, head, headTree }
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true })
  }
}

/** The refs under a prefix, numbered, oldest first, with each commit's tree. */
export async function numberedRefs(git: GitRunner, repoPath: string, prefix: string): Promise<{ ref: string; n: number; commit: string; tree: string }[]> {
  const lines = (await git(repoPath, ['for-each-ref', '--format=%(refname) %(objectname) %(tree)', prefix])).stdout.split('\n').filter(Boolean)
  return lines
    .map((line) => line.split(' '))
    .map(([ref = '', commit = '', tree = '']) => ({ ref, commit, tree, n: Number(ref.slice(prefix.length)) }))
    .filter((r) => Number.isInteger(r.n) && r.n > 0)
    .sort((a, b) => a.n - b.n)
}

/**
 * Commits a tree (parent: the worktree's HEAD) to the next free number under the prefix; never overwrites.
 * `after`: the newest number already known (saves a read); `identity`: author args (default: the repo's own,
 * with Flightdeck filling what is not configured).
 */
export async function commitNumbered(
  git: GitRunner,
  ws: WorkspaceRef,
  prefix: string,
  state: { tree: string; head: string },
  message: string,
  options: { after?: number; identity?: string[] } = {}
): Promise<{ ref: string; n: number; commit: string }> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  const identity = options.identity ?? (await identityArgs(git, cwd))
  const commit = (await git(cwd, [...identity, 'commit-tree', state.tree, '-p', state.head, '-m', message])).stdout.trim()
  let after = options.after
  for (let attempt = 0; ; attempt++) {
    const n = (after ?? Math.max(0, ...(await numberedRefs(git, ws.repoPath, prefix)).map((r) => r.n))) + 1
    // The all-zero old value: fails rather than overwrite if another process took the same number.
    const r = await git(ws.repoPath, ['update-ref', `${prefix}${n}`, commit, '0'.repeat(40)], { okExitCodes: attempt < 3 ? [0, 128] : [0] })
    if (r.exitCode === 0) return { ref: `${prefix}${n}`, n, commit }
    after = undefined
  }
}

/**
 * Commits the worktree's whole state (committed history, staged, unstaged and untracked files; not ignored
 * ones) to a private ref before anything destructive, without touching the branch or the index the agent
 * sees: a private index gets every file, and the commit's parent is the worktree's HEAD. With `reuseClean`, a
 * worktree with nothing uncommitted is snapshotted as its HEAD (no extra commit).
 */
export async function saveWorktreeSnapshot(git: GitRunner, ws: WorkspaceRef, prefix: string, reason: string, options: { reuseClean?: boolean } = {}): Promise<WorktreeSnapshot> {
  const cwd = assertAbsolutePath(ws.path, 'Worktree path')
  if (options.reuseClean) {
    // Status, HEAD and the numbered refs at once: a clean worktree (status lists exactly what `add --all` would
    // add) needs no tree of its own, so its snapshot is one ref write.
    const [{ files }, head, refs] = await Promise.all([readStatus(git, cwd), git(cwd, ['rev-parse', '--verify', 'HEAD']).then((r) => r.stdout.trim()), numberedRefs(git, ws.repoPath, prefix)])
    const newest = refs.at(-1)
    if (files.length === 0) {
      // Nothing uncommitted: the snapshot is the branch tip itself, and a newest snapshot already at it is reused.
      if (newest?.commit === head) return { ...newest, files }
      const n = (newest?.n ?? 0) + 1
      await git(ws.repoPath, ['update-ref', `${prefix}${n}`, head, '0'.repeat(40)])
      return { ref: `${prefix}${n}`, n, commit: head, files }
    }
    const saved = await commitNumbered(git, ws, prefix, await worktreeTree(git, cwd), `flightdeck: snapshot before ${reason}`, { after: newest?.n ?? 0 })
    return { ...saved, files }
  }
  const [{ files }, state] = await Promise.all([readStatus(git, cwd), worktreeTree(git, cwd)])
  const saved = await commitNumbered(git, ws, prefix, state, `flightdeck: snapshot before ${reason}`)
  return { ...saved, files }
}
