import { CheckCircle2, CircleDashed, Loader2, RefreshCw, XCircle } from 'lucide-react'
import type { GateCondition, GateName, GateResult } from '../../../../shared/domain'
import { Button } from '../ui/Button'

const icon = {
  passed: <CheckCircle2 size={15} className="shrink-0 text-ok" aria-label="passed" />,
  failed: <XCircle size={15} className="shrink-0 text-danger" aria-label="failed" />,
  skipped: <CircleDashed size={15} className="shrink-0 text-muted" aria-label="skipped" />
}

function Condition({ c }: { c: GateCondition }) {
  return (
    <li data-testid="gate-condition" data-id={c.id} data-status={c.status} className="flex gap-2 py-1.5">
      {icon[c.status]}
      <div className="min-w-0">
        <div className={`text-[13px] font-medium ${c.status === 'skipped' ? 'text-muted' : ''}`}>{c.label}</div>
        <div className="break-words text-xs text-muted">{c.detail}</div>
      </div>
    </li>
  )
}

/** The latest result of one gate with each condition, and a button to evaluate it again. */
function Gate({ name, result, checking, onCheck }: { name: GateName; result: GateResult | undefined; checking: boolean; onCheck(): void }) {
  return (
    <section data-testid={`gate-${name}`} className="rounded-lg border border-line bg-panel p-3">
      <header className="mb-1 flex items-center gap-2">
        <h3 className="text-[13px] font-semibold capitalize">{name} gate</h3>
        {result && (
          <span data-testid="gate-verdict" className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${result.passed ? 'bg-ok/15 text-ok' : 'bg-danger/15 text-danger'}`}>
            {result.passed ? 'passed' : 'failed'}
          </span>
        )}
        <span className="text-[11px] text-muted">{result ? `${result.phase} · ${new Date(result.createdAt).toLocaleTimeString()}` : 'not evaluated yet'}</span>
        <Button variant="ghost" className="ml-auto h-7 px-2" aria-label={`Check the ${name} gate now`} disabled={checking} onClick={onCheck}>
          {checking ? <Loader2 size={13} className="animate-spin" /> : <RefreshCw size={13} />} Check
        </Button>
      </header>
      {result ? <ul className="divide-y divide-line">{result.conditions.map((c) => <Condition key={c.id} c={c} />)}</ul> : null}
    </section>
  )
}

export function GateChecklist({ gates, checking, onCheck }: { gates: GateResult[]; checking: GateName | null; onCheck(gate: GateName): void }) {
  const latest = (name: GateName) => gates.filter((g) => g.gate === name).at(-1)
  return (
    <div className="flex flex-col gap-3" data-testid="gate-checklist">
      {(['start', 'close'] as const).map((name) => (
        <Gate key={name} name={name} result={latest(name)} checking={checking === name} onCheck={() => onCheck(name)} />
      ))}
    </div>
  )
}
