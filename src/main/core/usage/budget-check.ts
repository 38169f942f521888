import type { BudgetStatus } from '../../../shared/contract'
import type { GateCondition } from '../../../shared/domain'
import type { Db } from '../db/database'
import { budgetStatus, formatAmount, metricLabel, snapshotBudgets, usageOf, wallMinutes } from './budgets'

const metricName = { tokens: 'tokens', costUsd: 'cost', wallMinutes: 'wall time' } as const
import { runTotals } from './usage.repository'

/** A run's standing against the budgets of its current constraint snapshot. */
export async function runBudgetStatus(db: Db, runId: string): Promise<{ snapshotId: string | null; statuses: BudgetStatus[] }> {
  const { snapshotId, budgets } = await snapshotBudgets(db, runId)
  const limited = (m: keyof typeof budgets) => budgets[m].soft !== null || budgets[m].hard !== null
  // Each query only when a limit needs it: budgets are checked on every burst of usage of every run.
  const totals = await runTotals(db, runId)
  const wall = limited('wallMinutes') ? await wallMinutes(db, runId) : 0
  return { snapshotId, statuses: budgetStatus(budgets, usageOf(totals, wall)) }
}

export function describeStatus(s: BudgetStatus, level: 'soft' | 'hard'): string {
  // "tokens: 9,000 of 6,000", "cost: $1.20 of $1.00", "wall time: 12.0 of 10.0 min"
  const limit = formatAmount(s.metric, (level === 'hard' ? s.hard : s.soft) ?? 0)
  const used = formatAmount(s.metric, s.used).replace(/ (tokens|min)$/, '')
  return `${metricName[s.metric]}: ${used} of ${limit.replace(/ tokens$/, '')}`
}

/** The close gate's budget condition: work that went past a hard limit does not close until it is raised. */
export async function budgetCondition(db: Db, runId: string): Promise<GateCondition> {
  const { statuses } = await runBudgetStatus(db, runId)
  const over = statuses.filter((s) => s.state === 'hard')
  const label = 'Within budget'
  if (statuses.every((s) => s.hard === null && s.soft === null)) return { id: 'within_budget', label, status: 'skipped', detail: 'no budget is set for this run' }
  if (over.length) return { id: 'within_budget', label, status: 'failed', detail: `over the hard limit: ${over.map((s) => describeStatus(s, 'hard')).join('; ')}; raise it with \`flightdeck budget raise ${runId}\`` }
  return { id: 'within_budget', label, status: 'passed', detail: statuses.filter((s) => s.hard !== null || s.soft !== null).map((s) => `${metricLabel[s.metric]} ${formatAmount(s.metric, s.used)}`).join(', ') }
}
