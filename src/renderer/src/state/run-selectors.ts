import type { Run } from '../../../shared/domain'

const newestFirst = (a: Run, b: Run) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id)

/** The runs of one issue, newest first. */
export function selectIssueRuns(runs: Record<string, Run>, issueId: string): Run[] {
  return Object.values(runs).filter((r) => r.issueId === issueId).sort(newestFirst)
}

/** Each issue's newest run, for the board's badges. */
export function latestRunByIssue(runs: Record<string, Run>): Map<string, Run> {
  const latest = new Map<string, Run>()
  for (const run of Object.values(runs)) {
    const current = latest.get(run.issueId)
    if (!current || newestFirst(run, current) < 0) latest.set(run.issueId, run)
  }
  return latest
}
