import { existsSync } from 'node:fs'
import { readdir, realpath } from 'node:fs/promises'
import { isAbsolute, join, resolve, sep } from 'node:path'
import { assertAbsolutePath } from './git-args'
import type { GitRunner } from './git-runner'
import { defaultWorktreeRoot } from './workspace-policy'
import { listWorktrees } from './worktree-list'

export interface KnownWorktree {
  path: string
  branch: string
}

export interface ReconcileReport {
  /** Worktrees under the worktree root that the database does not know; `registered` says whether git does. */
  orphans: { path: string; branch: string | null; registered: boolean }[]
  /** Worktrees the database knows that are gone from disk or from git. */
  missing: (KnownWorktree & { reason: 'no_directory' | 'not_registered' })[]
  /** Known and present; `branchMatches` is false when the worktree has since switched branches. */
  ok: (KnownWorktree & { head: string | null; branchMatches: boolean })[]
}

/** Compares the database's view with git's and the disk's. Reports only: deciding what to delete is the user's call. */
export async function reconcile(
  git: GitRunner,
  repoPath: string,
  known: readonly KnownWorktree[],
  options: { worktreeRoot?: string } = {}
): Promise<ReconcileReport> {
  const repo = await canonical(assertAbsolutePath(repoPath, 'Repository path'))
  const configuredRoot = options.worktreeRoot ?? defaultWorktreeRoot(repo)
  const root = await canonical(isAbsolute(configuredRoot) ? configuredRoot : resolve(repo, configuredRoot))
  const entries = await listWorktrees(git, repo)
  const registered = new Map(await Promise.all(entries.map(async (e) => [await canonical(e.path), e] as const)))
  const knownPaths = new Set(await Promise.all(known.map((k) => canonical(k.path))))

  const report: ReconcileReport = { orphans: [], missing: [], ok: [] }
  for (const [path, entry] of registered) {
    if (!entry.main && path.startsWith(root + sep) && !knownPaths.has(path)) {
      report.orphans.push({ path, branch: entry.branch, registered: true })
    }
  }
  for (const dir of await subdirectories(root)) {
    if (!registered.has(dir) && !knownPaths.has(dir)) report.orphans.push({ path: dir, branch: null, registered: false })
  }
  for (const item of known) {
    const path = await canonical(item.path)
    const entry = registered.get(path)
    if (!existsSync(path)) report.missing.push({ ...item, reason: 'no_directory' })
    else if (!entry) report.missing.push({ ...item, reason: 'not_registered' })
    else report.ok.push({ ...item, head: entry.head, branchMatches: entry.branch === item.branch })
  }
  return report
}

/** realpath when the path exists, so symlinked temp dirs compare equal to what git prints. */
async function canonical(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path))
}

async function subdirectories(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory()).map((e) => join(root, e.name))
}
