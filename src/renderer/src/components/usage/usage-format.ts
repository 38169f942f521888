import type { BudgetStatus } from '../../../../shared/contract'

export { amount, metricName, tokens, usd } from '../../../../shared/usage-format'

/** Fill and colour of a budget bar: against the hard limit (else the soft one). */
export function barOf(b: BudgetStatus): { percent: number; tone: string } {
  const limit = b.hard ?? b.soft
  const percent = limit ? Math.min(100, (b.used / limit) * 100) : 0
  return { percent, tone: b.state === 'hard' ? 'bg-danger' : b.state === 'soft' ? 'bg-warn' : 'bg-accent' }
}
