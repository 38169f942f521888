import { Coins } from 'lucide-react'
import { useState } from 'react'
import type { UsageGroup, UsageGrouping } from '../../../../shared/contract'
import { useApp } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { QueryPane } from '../run/PaneStates'
import { tokens, usd } from './usage-format'
import { useUsageSummary } from './use-usage'

const groupings: { id: UsageGrouping; label: string }[] = [
  { id: 'issue', label: 'By issue' },
  { id: 'repo', label: 'By repository' },
  { id: 'day', label: 'By day' },
  { id: 'run', label: 'By run' }
]

/** Token and cost usage of the whole fleet, by issue, repository, day or run. */
export function UsageView() {
  const [by, setBy] = useState<UsageGrouping>('issue')
  const query = useUsageSummary(by)
  return (
    <div data-testid="usage-view" className="flex h-full flex-col">
      <div className="flex h-11 shrink-0 items-center gap-1 border-b border-line bg-panel px-4 text-xs">
        <h2 className="mr-3 text-[13px] font-medium text-fg">Usage</h2>
        {groupings.map((g) => (
          <button key={g.id} type="button" aria-pressed={by === g.id} onClick={() => setBy(g.id)} className={`rounded-md px-2.5 py-1 font-medium ${by === g.id ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}>
            {g.label}
          </button>
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto">
        <QueryPane query={query} what="usage">
          {(groups) => (groups.length ? <UsageTable by={by} groups={groups} /> : <EmptyState icon={Coins} title="No usage recorded yet">Agents’ telemetry, their reports and Flightdeck’s own planning and grading calls appear here.</EmptyState>)}
        </QueryPane>
      </div>
    </div>
  )
}

function UsageTable({ by, groups }: { by: UsageGrouping; groups: UsageGroup[] }) {
  const openRun = useApp((s) => s.openRun)
  const max = Math.max(...groups.map((g) => g.costUsd), 1e-9)
  const total = groups.reduce((sum, g) => ({ tokens: sum.tokens + g.tokens, cost: sum.cost + g.costUsd, calls: sum.calls + g.calls }), { tokens: 0, cost: 0, calls: 0 })
  return (
    <table data-testid="usage-table" className="mx-auto my-4 w-full max-w-5xl text-left text-xs tabular-nums">
      <thead className="text-muted">
        <tr><th className="px-4 py-1 font-normal">{{ issue: 'Issue', repo: 'Repository', day: 'Day (UTC)', run: 'Run' }[by]}</th><th className="text-right font-normal">Calls</th><th className="text-right font-normal">Input</th><th className="text-right font-normal">Output</th><th className="text-right font-normal">Cache</th><th className="w-56 px-4 font-normal">Cost</th></tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr key={g.key ?? 'none'} data-testid="usage-row" className="border-t border-line">
            <td className="max-w-md truncate px-4 py-1.5">
              {by === 'run' && g.key ? <button type="button" className="hover:underline" onClick={() => openRun(g.key!)}>{g.label ?? g.key}</button> : <span className={g.key ? 'text-fg' : 'text-muted'}>{g.label ?? g.key}</span>}
              {by !== 'day' && g.key && <span className="ml-2 font-mono text-[10px] text-muted/80">{g.key.slice(-6)}</span>}
            </td>
            <td className="text-right">{g.calls}</td>
            <td className="text-right">{tokens(g.inputTokens)}</td>
            <td className="text-right">{tokens(g.outputTokens)}</td>
            <td className="text-right text-muted">{tokens(g.cacheReadTokens + g.cacheWriteTokens)}</td>
            <td className="px-4">
              <div className="flex items-center gap-2">
                <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-raised"><div className="h-full bg-accent" style={{ width: `${(g.costUsd / max) * 100}%` }} /></div>
                <span className="w-20 text-right">{usd(g.costUsd)}{g.unpricedCalls ? '*' : ''}</span>
              </div>
            </td>
          </tr>
        ))}
        <tr className="border-t border-line font-medium">
          <td className="px-4 py-1.5">Total</td><td className="text-right">{total.calls}</td><td colSpan={3} className="text-right">{tokens(total.tokens)} tokens</td><td className="px-4 text-right">{usd(total.cost)}</td>
        </tr>
      </tbody>
    </table>
  )
}
