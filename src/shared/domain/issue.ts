export const issueStatuses = ['planning', 'approved', 'in_progress', 'blocked', 'in_review', 'done', 'cancelled'] as const
export type IssueStatus = (typeof issueStatuses)[number]

export const issuePriorities = ['low', 'medium', 'high', 'urgent'] as const
export type IssuePriority = (typeof issuePriorities)[number]

export const issueTypes = ['feature', 'bug', 'chore', 'docs', 'test', 'research'] as const
export type IssueType = (typeof issueTypes)[number]

/** The unit of intent: what we want done in one repo. */
export interface Issue {
  id: string
  repoId: string
  title: string
  body: string
  acceptanceCriteria: string[]
  priority: IssuePriority
  type: IssueType
  labels: string[]
  status: IssueStatus
  scaleTier: number | null
  /** Ids of issues that must be done before this one starts. */
  dependsOn: string[]
  createdAt: string
  updatedAt: string
}

/**
 * Which status moves a person (or the engine) may make. Runs move issues to in_progress, blocked and
 * in_review; people approve, cancel, reopen and close.
 */
export const issueTransitions: Record<IssueStatus, readonly IssueStatus[]> = {
  planning: ['approved', 'cancelled'],
  approved: ['planning', 'in_progress', 'cancelled'],
  in_progress: ['blocked', 'in_review', 'approved', 'cancelled'],
  blocked: ['in_progress', 'cancelled'],
  in_review: ['in_progress', 'done', 'cancelled'],
  done: [],
  cancelled: ['planning']
}

export function canTransitionIssue(from: IssueStatus, to: IssueStatus): boolean {
  return issueTransitions[from].includes(to)
}
