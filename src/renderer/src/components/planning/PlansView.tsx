import { Plus } from 'lucide-react'
import { MissingKeyNotice } from '../settings/MissingKeyNotice'
import { Button } from '../ui/Button'
import { ArchitecturePanel } from './ArchitecturePanel'
import { ChatPanel } from './ChatPanel'
import { ClarifyPanel } from './ClarifyPanel'
import { DecompositionPanel } from './DecompositionPanel'
import { DocumentPanel } from './DocumentPanel'
import { PlanIntake } from './PlanIntake'
import { PlanningProvider, usePlanning } from './planning-context'
import type { PlanTab } from '../../state/planning.slice'

const tabs: { id: PlanTab; label: string }[] = [
  { id: 'clarify', label: 'Clarifications' },
  { id: 'architecture', label: 'Architecture' },
  { id: 'document', label: 'Document' },
  { id: 'chat', label: 'Chat' },
  { id: 'decomposition', label: 'Decomposition' }
]

function PlanDetailView() {
  const detail = usePlanning((s) => s.detail)
  const tab = usePlanning((s) => s.tab)
  const setTab = usePlanning((s) => s.setTab)
  const error = usePlanning((s) => s.error)
  const busy = usePlanning((s) => s.busy)
  if (!detail) return <div className="p-6 text-muted">Loading…</div>
  const u = detail.usage
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-line px-4 py-2">
        <h2 className="truncate text-sm font-semibold">{detail.plan.title}</h2>
        <span className="rounded bg-raised px-1.5 py-0.5 text-[11px]" data-testid="plan-status">{detail.plan.status}</span>
        <nav className="ml-4 flex gap-1">
          {tabs.map((t) => <Button key={t.id} variant={tab === t.id ? 'subtle' : 'ghost'} onClick={() => setTab(t.id)}>{t.label}</Button>)}
        </nav>
        <span className="ml-auto text-[11px] text-muted">{busy ? `${busy}…` : `${u.inputTokens + u.outputTokens} tokens in ${u.calls} calls`}</span>
      </div>
      {error && <div className="border-b border-line bg-panel px-4 py-1.5 text-[12px] text-danger" role="alert">{error}</div>}
      <div className="min-h-0 flex-1">
        {tab === 'clarify' && <ClarifyPanel />}
        {tab === 'architecture' && <ArchitecturePanel />}
        {tab === 'document' && <DocumentPanel />}
        {tab === 'chat' && <ChatPanel />}
        {tab === 'decomposition' && <DecompositionPanel />}
      </div>
    </div>
  )
}

function Plans() {
  const plans = usePlanning((s) => s.plans)
  const selectedId = usePlanning((s) => s.selectedId)
  const select = usePlanning((s) => s.select)
  return (
    <div className="flex h-full flex-col">
      <MissingKeyNotice purpose="planning" />
      <div className="flex min-h-0 flex-1">
        <aside className="flex w-60 shrink-0 flex-col border-r border-line bg-panel">
          <div className="p-2"><Button className="w-full" onClick={() => void select(null)}><Plus size={14} /> New plan</Button></div>
          <ul className="min-h-0 flex-1 overflow-auto" data-testid="plan-list">
            {plans.map((p) => (
              <li key={p.id}>
                <button type="button" onClick={() => void select(p.id)} className={`w-full px-3 py-2 text-left text-[13px] hover:bg-raised ${p.id === selectedId ? 'bg-raised' : ''}`}>
                  <div className="truncate font-medium">{p.title}</div>
                  <div className="text-[11px] text-muted">{p.status} · v{p.currentVersion}</div>
                </button>
              </li>
            ))}
          </ul>
        </aside>
        <section className="min-w-0 flex-1">{selectedId ? <PlanDetailView /> : <PlanIntake />}</section>
      </div>
    </div>
  )
}

/** Plans: PRD intake, clarifications, the wireframe with editing and diff, the chat, decomposition and approval. */
export function PlansView() {
  return (
    <PlanningProvider>
      <Plans />
    </PlanningProvider>
  )
}
