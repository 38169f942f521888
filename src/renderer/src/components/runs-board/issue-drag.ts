import type { IssueStatus } from '../../../../shared/domain'
import { canTransitionIssue, issueTransitions } from '../../../../shared/domain'
import { statusLabel } from '../status-style'

export const ISSUE_DRAG_TYPE = 'application/x-flightdeck-issue'

/** Why a drop is refused, in words, or null when the lifecycle allows the move. */
export function refusalOf(from: IssueStatus, to: IssueStatus): string | null {
  if (from === to || canTransitionIssue(from, to)) return null
  const allowed = issueTransitions[from].map((s) => statusLabel[s])
  const options = allowed.length === 0 ? `a ${statusLabel[from].toLowerCase()} issue does not move any more` : `from ${statusLabel[from]} an issue can move to ${joinOr(allowed)}`
  return `${statusLabel[from]} → ${statusLabel[to]} is not allowed: ${options}.`
}

function joinOr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}
