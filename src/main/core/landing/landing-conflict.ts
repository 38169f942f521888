import type { ConflictPreview } from '../../../shared/contract'
import { findIssue } from '../issues/issue.repository'
import { findRepo } from '../repos/repo.repository'
import { findRun } from '../runs/run.repository'
import { headRef } from '../workspaces/git-args'
import type { LandingDeps } from './landing-context'
import { otherSide } from './landing-git'

const MAX_HUNKS = 20
const MAX_LINES = 40

/** The conflict regions of a file as `git merge-tree` wrote it: each side's lines and where the region starts. */
export function conflictHunks(content: string): ConflictPreview['files'][number]['hunks'] {
  const hunks: ConflictPreview['files'][number]['hunks'] = []
  let side: 'base' | 'run' | null = null
  let current: { line: number; base: string[]; run: string[] } | null = null
  content.split('\n').forEach((text, i) => {
    if (text.startsWith('<<<<<<< ')) {
      current = { line: i + 1, base: [], run: [] }
      side = 'base'
    } else if (current && text === '=======' && side === 'base') side = 'run'
    else if (current && text.startsWith('>>>>>>> ') && side === 'run') {
      if (hunks.length < MAX_HUNKS) hunks.push({ line: current.line, base: current.base.slice(0, MAX_LINES), run: current.run.slice(0, MAX_LINES) })
      current = null
      side = null
    } else if (current && side) current[side].push(text)
  })
  return hunks
}

/**
 * What merging the run's branch into its base would conflict on right now, computed without touching any
 * worktree (`git merge-tree`): files, their conflict hunks, and the runs that landed the other side.
 */
export async function conflictPreview(deps: LandingDeps, runId: string): Promise<ConflictPreview | null> {
  const db = deps.run.store.db
  const run = await findRun(db, runId)
  const repo = run ? await findRepo(db, run.repoId) : undefined
  if (!run || !repo || !run.branch || !run.baseBranch) return null
  const ws = { repoPath: repo.path, path: run.worktreePath ?? '', branch: run.branch, baseBranch: run.baseBranch }
  const merged = await deps.git(repo.path, ['merge-tree', '--write-tree', '--name-only', '--no-messages', headRef(ws.baseBranch), headRef(ws.branch)], { okExitCodes: [0, 1] })
  const [tree = '', ...names] = merged.stdout.trim().split('\n').filter(Boolean)
  const paths = merged.exitCode === 1 ? [...new Set(names)] : []
  const files = await Promise.all(paths.map(async (p) => ({ path: p, hunks: conflictHunks((await deps.git(repo.path, ['show', `${tree}:${p}`], { okExitCodes: [0, 128] })).stdout) })))
  const other = paths.length ? await otherSide(deps.git, ws, paths) : { landings: [], summary: '' }
  const others = await Promise.all(other.landings.map(async (l) => {
    const by = l.runId ? await findRun(db, l.runId) : undefined
    const issue = by ? await findIssue(db, by.issueId) : undefined
    return { runId: by?.id ?? null, issueTitle: issue?.title ?? null, sha: l.sha, subject: l.subject }
  }))
  const issue = await findIssue(db, run.issueId)
  return { runId, issueTitle: issue?.title ?? '', branch: ws.branch, baseBranch: ws.baseBranch, worktreePath: run.worktreePath, files, others, checkedAt: new Date().toISOString() }
}
