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
  for (const issue of issuesInOrder(state.issues)) if (matches(issue)) columns[issue.status].push(issue)
  return columns
}

const byUrgency = (a: Issue, b: Issue) => priorityRank[a.priority] - priorityRank[b.priority] || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)
const ordered = new WeakMap<Record<string, Issue>, Issue[]>()

/** Every issue, most urgent then newest first: sorted once per issues map, so a filter keystroke only filters. */
function issuesInOrder(issues: Record<string, Issue>): Issue[] {
  let list = ordered.get(issues)
  if (!list) ordered.set(issues, (list = Object.values(issues).sort(byUrgency)))
  return list
}

const sizes = new WeakMap<object, number>()

/** How many entries a map of the store holds, counted once per map (selectors run on every change). */
export function sizeOf(map: Record<string, unknown>): number {
  let n = sizes.get(map)
  if (n === undefined) sizes.set(map, (n = Object.keys(map).length))
  return n
}
