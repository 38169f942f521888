import type { ForumPriority, ForumThreadState } from '../../../../shared/domain'

export const priorityStyle: Record<ForumPriority, string> = {
  urgent: 'bg-danger/15 text-danger',
  high: 'bg-warn/15 text-warn',
  medium: 'bg-accent/12 text-accent',
  low: 'bg-raised text-muted'
}

export const stateLabel: Record<ForumThreadState, string> = {
  open: 'open',
  waiting_operator: 'waiting for you',
  waiting_agent: 'waiting for the agent',
  answered: 'answered',
  closed: 'closed'
}

/** "3 min", "2 h", "4 d": how long a thread has waited. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000))
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`
  return `${Math.round(minutes / 1440)} d`
}
