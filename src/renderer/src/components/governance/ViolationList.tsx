import { useState } from 'react'
import type { Violation } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { severityTone } from './grade-style'

function OverrideForm({ violation, onDone }: { violation: Violation; onDone(): void }) {
  const client = useClient()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    setBusy(true)
    try {
      await client.invoke('violation.override', { id: violation.id, reason })
      onDone()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="mt-2 space-y-1.5">
      <textarea aria-label="Reason for the override" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} placeholder="Why may this go through? (recorded in the event log)" className="w-full rounded border border-line bg-bg p-2 text-xs" />
      {error && <div role="alert" className="text-xs text-danger">{error}</div>}
      <div className="flex gap-2">
        <Button variant="danger" className="h-7" disabled={busy || reason.trim().length < 5} onClick={() => void submit()}>Override</Button>
        <Button variant="ghost" className="h-7" onClick={onDone}>Cancel</Button>
      </div>
    </div>
  )
}

function ViolationItem({ v }: { v: Violation }) {
  const [overriding, setOverriding] = useState(false)
  return (
    <li data-testid="violation" data-status={v.status} className={`rounded-lg border border-line bg-panel p-3 ${v.status === 'resolved' ? 'opacity-60' : ''}`}>
      <div className="flex flex-wrap items-center gap-1.5 text-[11px]">
        <span className={`rounded px-1.5 py-0.5 font-semibold uppercase ${severityTone[v.severity]}`}>{v.severity}</span>
        <span className={`rounded px-1.5 py-0.5 font-medium ${v.blocking ? 'bg-danger/10 text-danger' : 'bg-raised text-muted'}`}>{v.blocking ? 'blocking' : 'warning'}</span>
        <span className="rounded bg-raised px-1.5 py-0.5 text-muted">{v.rule} · {v.stage}</span>
        <span className="text-muted">{v.doctrine}</span>
        <span data-testid="violation-status" className="ml-auto font-medium">{v.status}</span>
      </div>
      <p className="mt-1.5 text-[13px]">{v.message}</p>
      {v.evidence.length > 0 && (
        <ul className="mt-1.5 space-y-1" data-testid="evidence">
          {v.evidence.slice(0, 10).map((e, i) => (
            <li key={i} className="rounded bg-raised px-2 py-1 font-mono text-[11px]">
              {e.file && <span className="text-accent">{e.file}{e.line ? `:${e.line}` : ''}</span>}
              {e.excerpt && <span className="ml-2 text-fg">{e.excerpt}</span>}
            </li>
          ))}
        </ul>
      )}
      {v.status === 'overridden' && <p data-testid="override-reason" className="mt-1.5 text-xs text-muted">Overridden: {v.overrideReason}</p>}
      {v.status === 'open' && !overriding && (
        <Button variant="ghost" className="mt-1 h-7 px-2" onClick={() => setOverriding(true)}>Override…</Button>
      )}
      {overriding && <OverrideForm violation={v} onDone={() => setOverriding(false)} />}
    </li>
  )
}

/** Violations of the run, open ones first, each with its evidence and, while open, an override with a reason. */
export function ViolationList({ violations }: { violations: Violation[] }) {
  if (violations.length === 0) return <p className="rounded-lg border border-line bg-panel p-3 text-xs text-muted">No violations found.</p>
  const order = { open: 0, overridden: 1, resolved: 2 }
  const sorted = [...violations].sort((a, b) => order[a.status] - order[b.status])
  return <ul className="space-y-2" data-testid="violations">{sorted.map((v) => <ViolationItem key={v.id} v={v} />)}</ul>
}
