import { realpath } from 'node:fs/promises'
import { type AheadBehind, aheadBehindMany } from './ahead-behind'
import { DirtyTracker } from './dirty-tracker'
import { assertBranchName, headRef } from './git-args'
import type { GitRunner } from './git-runner'
import { readStatus } from './git-status'
import type { WorktreeStatus } from './workspace-types'
import { listWorktrees } from './worktree-list'

export interface StatusRequest {
  repoPath: string
  worktreePaths: readonly string[]
  /** Defaults to the branch checked out in the repo's main worktree. */
  baseBranch?: string
}

export interface StatusRefresher {
  statusMany(repos: readonly StatusRequest[]): Promise<WorktreeStatus[]>
  /** Number of live file watchers, so tests and diagnostics can check nothing leaks. */
  readonly watcherCount: number
  dispose(): void
}

// git status on every dirty worktree at once would fork-bomb a laptop with forty agents.
const MAX_PARALLEL_STATUS = 4

/**
 * Status for many worktrees in O(repos) git calls when nothing changed: one `worktree list` per repo gives
 * HEADs and branches, ahead/behind is cached per (base, head) pair and recomputed for all changed heads in two
 * calls, and `git status` runs only for worktrees whose files, index or HEAD changed since last time.
 */
export function createStatusRefresher(git: GitRunner, options: { watch?: boolean } = {}): StatusRefresher {
  const tracker = new DirtyTracker(options.watch ?? true)
  const counts = new Map<string, AheadBehind>()
  const canonical = new Map<string, string>()
  const repoOf = new Map<string, string>()

  async function canonicalPath(path: string): Promise<string> {
    const known = canonical.get(path)
    if (known) return known
    const real = await realpath(path).catch(() => path)
    canonical.set(path, real)
    return real
  }

  async function refreshRepo(request: StatusRequest): Promise<WorktreeStatus[]> {
    const repo = await canonicalPath(request.repoPath)
    const entries = await listWorktrees(git, repo)
    const byPath = new Map(entries.map((e) => [e.path, e]))
    const main = entries.find((e) => e.main)
    const baseBranch = request.baseBranch ?? main?.branch ?? null
    const baseSha = baseBranch === null ? null : main?.branch === baseBranch ? main.head : await branchSha(git, repo, baseBranch)

    const paths = await Promise.all(request.worktreePaths.map(canonicalPath))
    for (const path of paths) repoOf.set(path, repo)
    const found = paths.map((p) => byPath.get(p)).filter((e) => e !== undefined)
    if (baseSha) await fillAheadBehind(repo, baseSha, found.map((e) => e.head).filter((h) => h !== null))
    const dirty = await mapLimit(found, MAX_PARALLEL_STATUS, async (entry) => {
      const cached = await tracker.cached(entry.path, entry.head)
      if (cached !== null) return cached
      const { files } = await readStatus(git, entry.path)
      tracker.record(entry.path, files.length > 0)
      return files.length > 0
    })
    const dirtyByPath = new Map(found.map((e, i) => [e.path, dirty[i] ?? false]))
    return paths.map((path) => {
      const entry = byPath.get(path)
      if (!entry) return { path, branch: null, head: null, dirty: false, aheadBy: 0, behindBy: 0, missing: true }
      const ab = baseSha && entry.head ? counts.get(`${baseSha}:${entry.head}`) : undefined
      return {
        path,
        branch: entry.branch,
        head: entry.head,
        dirty: dirtyByPath.get(path) ?? false,
        aheadBy: ab?.aheadBy ?? 0,
        behindBy: ab?.behindBy ?? 0,
        missing: false,
      }
    })
  }

  async function fillAheadBehind(repo: string, baseSha: string, heads: string[]): Promise<void> {
    const uncounted = heads.filter((h) => !counts.has(`${baseSha}:${h}`))
    if (uncounted.length === 0) return
    if (counts.size > 10_000) counts.clear() // shas churn forever; a rebuild is two git calls
    for (const [head, ab] of await aheadBehindMany(git, repo, baseSha, uncounted)) counts.set(`${baseSha}:${head}`, ab)
  }

  return {
    async statusMany(repos) {
      const results = (await Promise.all(repos.map(refreshRepo))).flat()
      // A worktree of a repo we were asked about, but not itself asked about, is no longer of interest.
      const asked = new Set(results.map((s) => s.path))
      const repoPaths = new Set(await Promise.all(repos.map((r) => canonicalPath(r.repoPath))))
      tracker.retain((path) => asked.has(path) || !repoPaths.has(repoOf.get(path) ?? ''))
      return results
    },
    get watcherCount() {
      return tracker.watcherCount
    },
    dispose() {
      tracker.dispose()
    },
  }
}

async function branchSha(git: GitRunner, repo: string, branch: string): Promise<string | null> {
  assertBranchName(branch, 'Base branch')
  const { stdout, exitCode } = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', headRef(branch)], { okExitCodes: [0, 1] })
  return exitCode === 0 ? stdout.trim() : null
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
