import type { Grade, ViolationSeverity } from '../../../../shared/domain'

/** Colours of grades: green for A/B, amber for C, red below and for over-engineering. */
export const gradeTone: Record<Grade, string> = {
  A: 'bg-ok/15 text-ok border-ok/40',
  B: 'bg-ok/10 text-ok border-ok/30',
  C: 'bg-warn/15 text-warn border-warn/40',
  D: 'bg-danger/10 text-danger border-danger/30',
  F: 'bg-danger/15 text-danger border-danger/40',
  OVER_ENGINEERED: 'bg-danger/10 text-danger border-danger/30'
}

export const severityTone: Record<ViolationSeverity, string> = {
  critical: 'bg-danger text-white',
  high: 'bg-danger/15 text-danger',
  medium: 'bg-warn/15 text-warn',
  low: 'bg-raised text-muted'
}

export const gradeLabel = (g: Grade) => (g === 'OVER_ENGINEERED' ? 'Over-engineered' : g)
