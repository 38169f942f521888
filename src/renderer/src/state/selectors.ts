import type { Issue, IssueStatus } from '../../../shared/domain'
import { issueStatuses } from '../../../shared/domain'
import type { AppState } from './app-state'
import { type BoardFilters, issueMatcher } from './board-filters'

const priorityRank = { urgent: 0, high: 1, medium: 2, low: 3 } as const

/** Issues matching the filters, grouped by status, most urgent first, then newest. */
export function selectColumns(
  state: Pick<AppState, 'issues'> & BoardFilters,
  agentOf?: (issueId: string) => string | undefined
): Record<IssueStatus, Issue[]> {
  const columns = Object.fromEntries(issueStatuses.map((s) => [s, [] as Issue[]])) as Record<IssueStatus, Issue[]>
  const matches = issueMatcher(state, agentOf)
  for (const issue of Object.values(state.issues)) if (matches(issue)) columns[issue.status].push(issue)
  for (const list of Object.values(columns)) {
    list.sort((a, b) => priorityRank[a.priority] - priorityRank[b.priority] || b.createdAt.localeCompare(a.createdAt))
  }
  return columns
}
