import type { Run } from '../../../../shared/domain'
import { QueryPane } from '../run/PaneStates'
import { BudgetBars } from './BudgetBars'
import { RaiseBudget } from './RaiseBudget'
import { tokens, usd } from './usage-format'
import { useRunUsage } from './use-usage'

const sourceLabel = { otel: 'telemetry', transcript: 'transcript', agent: 'agent report', planning: 'planning', grading: 'grading' } as const

/** The run's usage: totals, its budgets (and raising them), and its latest model calls. */
export function UsagePane({ run }: { run: Run }) {
  const query = useRunUsage(run.id, run.updatedAt)
  return (
    <QueryPane query={query} what="usage">
      {(u) => (
        <div data-testid="usage-pane" className="h-full overflow-y-auto">
          <div className="mx-auto max-w-3xl space-y-5 p-6">
            <dl className="grid grid-cols-4 gap-3 text-xs">
              {[
                ['Tokens', tokens(u.totals.tokens)],
                ['Cost', `${usd(u.totals.costUsd)}${u.totals.unpricedCalls ? ` +${u.totals.unpricedCalls} unpriced` : ''}`],
                ['Model calls', String(u.totals.calls)],
                ['Cache read / write', `${tokens(u.totals.cacheReadTokens)} / ${tokens(u.totals.cacheWriteTokens)}`]
              ].map(([label, value]) => (
                <div key={label} className="rounded-lg border border-line bg-panel p-3">
                  <dt className="text-muted">{label}</dt>
                  <dd className="mt-1 text-base font-medium text-fg tabular-nums">{value}</dd>
                </div>
              ))}
            </dl>
            <section className="space-y-3 rounded-lg border border-line bg-panel p-4">
              <h3 className="text-[13px] font-medium text-fg">Budgets</h3>
              <BudgetBars budgets={u.budgets} />
              <RaiseBudget runId={run.id} budgets={u.budgets} onDone={query.reload} />
            </section>
            <section>
              <h3 className="mb-2 text-[13px] font-medium text-fg">Latest model calls</h3>
              {u.records.length === 0 ? (
                <p className="text-xs text-muted">No usage recorded yet.</p>
              ) : (
                <table data-testid="usage-records" className="w-full text-left text-xs tabular-nums">
                  <thead className="text-muted">
                    <tr><th className="py-1 font-normal">Time</th><th className="font-normal">Model</th><th className="font-normal">Source</th><th className="text-right font-normal">In</th><th className="text-right font-normal">Out</th><th className="text-right font-normal">Cache</th><th className="text-right font-normal">Cost</th></tr>
                  </thead>
                  <tbody>
                    {u.records.slice(0, 50).map((r) => (
                      <tr key={r.id} className="border-t border-line">
                        <td className="py-1 font-mono text-[11px] text-muted">{new Date(r.at).toLocaleTimeString()}</td>
                        <td className="max-w-48 truncate font-mono text-[11px]">{r.model}</td>
                        <td className="text-muted">{sourceLabel[r.source]}</td>
                        <td className="text-right">{tokens(r.inputTokens)}</td>
                        <td className="text-right">{tokens(r.outputTokens)}</td>
                        <td className="text-right text-muted">{tokens(r.cacheReadTokens + r.cacheWriteTokens)}</td>
                        <td className="text-right">{r.costUsd === null ? <span className="text-muted" title="The price table does not know this model">—</span> : usd(r.costUsd)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </div>
        </div>
      )}
    </QueryPane>
  )
}
