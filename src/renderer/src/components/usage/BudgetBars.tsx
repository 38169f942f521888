import type { BudgetStatus } from '../../../../shared/contract'
import { amount, barOf, metricName } from './usage-format'

/** One bar per budgeted metric: used against the hard limit, the soft limit as a tick. */
export function BudgetBars({ budgets }: { budgets: BudgetStatus[] }) {
  const set = budgets.filter((b) => b.hard !== null || b.soft !== null)
  if (!set.length) return <p className="text-xs text-muted">No budget is set for this run (policy <code className="font-mono">budgets</code> or the issue’s).</p>
  return (
    <ul className="space-y-2">
      {set.map((b) => {
        const { percent, tone } = barOf(b)
        const soft = b.soft !== null && b.hard ? Math.min(100, (b.soft / b.hard) * 100) : null
        return (
          <li key={b.metric} data-testid="budget-bar" data-metric={b.metric} data-state={b.state} className="text-xs">
            <div className="mb-1 flex items-baseline gap-2">
              <span className="font-medium text-fg">{metricName[b.metric]}</span>
              <span className="tabular-nums text-muted">
                {amount(b.metric, b.used)}
                {b.hard !== null && ` of ${amount(b.metric, b.hard)}`}
                {b.soft !== null && ` · soft ${amount(b.metric, b.soft)}`}
              </span>
              {b.state !== 'ok' && <span className={`ml-auto font-medium ${b.state === 'hard' ? 'text-danger' : 'text-warn'}`}>{b.state === 'hard' ? 'over the hard limit' : 'past the soft limit'}</span>}
            </div>
            <div className="relative h-1.5 overflow-hidden rounded-full bg-raised">
              <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
              {soft !== null && <div className="absolute top-0 h-full w-px bg-fg/40" style={{ left: `${soft}%` }} />}
            </div>
          </li>
        )
      })}
    </ul>
  )
}
