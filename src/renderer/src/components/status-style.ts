import type { IssuePriority, IssueStatus } from '../../../shared/domain'

export const statusLabel: Record<IssueStatus, string> = {
  planning: 'Planning',
  approved: 'Approved',
  in_progress: 'In progress',
  blocked: 'Blocked',
  in_review: 'In review',
  done: 'Done',
  cancelled: 'Cancelled'
}

export const statusDot: Record<IssueStatus, string> = {
  planning: 'bg-muted',
  approved: 'bg-accent',
  in_progress: 'bg-warn',
  blocked: 'bg-danger',
  in_review: 'bg-[#a66bff]',
  done: 'bg-ok',
  cancelled: 'bg-line'
}

export const priorityStyle: Record<IssuePriority, string> = {
  urgent: 'bg-danger/15 text-danger',
  high: 'bg-warn/15 text-warn',
  medium: 'bg-accent/12 text-accent',
  low: 'bg-raised text-muted'
}
