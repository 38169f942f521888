import type { DoctrinePriority, Violation, ViolationSeverity } from '../../../shared/domain'

/** A violation as a check finds it, before it is stored (or shown by `doctrine check`). */
export type ViolationDraft = Pick<Violation, 'stage' | 'rule' | 'doctrine' | 'severity' | 'blocking' | 'message' | 'evidence'> & {
  /** Identifies "the same" violation across re-checks (no line numbers: lines move), so overrides stick. */
  fingerprint: string
}

/** must -> blocking (high), should -> warning (medium), may -> warning (low); a rule may set its severity. */
export function weigh(priority: DoctrinePriority, severity?: ViolationSeverity): { severity: ViolationSeverity; blocking: boolean } {
  const fallback: Record<DoctrinePriority, ViolationSeverity> = { must: 'high', should: 'medium', may: 'low' }
  return { severity: severity ?? fallback[priority], blocking: priority === 'must' }
}
