import { useState } from 'react'
import type { BudgetMetric, BudgetStatus } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { metricName } from './usage-format'

const unit: Record<BudgetMetric, string> = { tokens: '', costUsd: ' (USD)', wallMinutes: ' (minutes)' }

/** Raises the run's hard limits (a new constraint snapshot); a run paused over budget resumes. */
export function RaiseBudget({ runId, budgets, onDone }: { runId: string; budgets: BudgetStatus[]; onDone(): void }) {
  const client = useClient()
  const over = budgets.filter((b) => b.state === 'hard')
  const shown = (over.length ? over : budgets.filter((b) => b.hard !== null)).map((b) => b.metric)
  const [values, setValues] = useState<Partial<Record<BudgetMetric, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!shown.length) return null
  const submit = async () => {
    setBusy(true)
    const input = Object.fromEntries(shown.filter((m) => values[m]).map((m) => [m, Number(values[m])]))
    try {
      await client.invoke('budget.raise', { runId, ...input })
      setValues({})
      setError(null)
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form data-testid="raise-budget" className="flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), void submit())}>
      {shown.map((m) => (
        <label key={m} className="flex flex-col gap-1 text-xs text-muted">
          {metricName[m]}: new hard limit{unit[m]}
          <input
            aria-label={`New ${metricName[m].toLowerCase()} limit`}
            inputMode="decimal"
            value={values[m] ?? ''}
            onChange={(e) => setValues({ ...values, [m]: e.target.value })}
            className="h-8 w-40 rounded-md border border-line bg-bg px-2 text-[13px] text-fg tabular-nums"
          />
        </label>
      ))}
      <Button type="submit" variant={over.length ? 'primary' : 'subtle'} disabled={busy || !shown.some((m) => values[m])}>
        {over.length ? 'Raise and resume' : 'Raise'}
      </Button>
      {error && <p role="alert" className="w-full text-xs text-danger">{error}</p>}
    </form>
  )
}
