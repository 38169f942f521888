import { FilterX } from 'lucide-react'
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { IssuePriority } from '../../../../shared/domain'
import { issuePriorities } from '../../../../shared/domain'
import { useApp } from '../../app/context'
import { labelsOf } from '../../state/board-filters'
import { controlClass } from '../ui/Field'

const selectClass = `${controlClass} h-8 py-0 text-xs`

/** Agent, label and priority filters (repository and text sit in the top bar), with the matching count. */
export function FilterBar({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  const issues = useApp((s) => s.issues)
  const runs = useApp((s) => s.runs)
  const f = useApp(useShallow((s) => ({ agent: s.agentFilter, label: s.labelFilter, priority: s.priorityFilter })))
  const setAgent = useApp((s) => s.setAgentFilter)
  const setLabel = useApp((s) => s.setLabelFilter)
  const setPriority = useApp((s) => s.setPriorityFilter)
  const clear = useApp((s) => s.clearFilters)
  const anyFilter = useApp((s) => Boolean(s.agentFilter || s.labelFilter || s.priorityFilter || s.repoFilter || s.textFilter))
  const labels = useMemo(() => labelsOf(issues), [issues])
  const agents = useMemo(() => [...new Set(Object.values(runs).map((r) => r.agentProfile))].sort(), [runs])
  return (
    <div data-testid="filter-bar" className="flex h-11 shrink-0 items-center gap-2 border-b border-line bg-panel px-4 text-xs text-muted">
      <select aria-label="Agent filter" className={selectClass} value={f.agent ?? ''} onChange={(e) => setAgent(e.target.value || null)}>
        <option value="">Any agent</option>
        {agents.map((a) => <option key={a} value={a}>{a}</option>)}
      </select>
      <select aria-label="Label filter" className={selectClass} value={f.label ?? ''} onChange={(e) => setLabel(e.target.value || null)}>
        <option value="">Any label</option>
        {labels.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
      <select aria-label="Priority filter" className={selectClass} value={f.priority ?? ''} onChange={(e) => setPriority((e.target.value || null) as IssuePriority | null)}>
        <option value="">Any priority</option>
        {issuePriorities.map((p) => <option key={p} value={p}>{p}</option>)}
      </select>
      {anyFilter && (
        <button type="button" onClick={clear} className="flex items-center gap-1 rounded px-1.5 py-1 hover:bg-raised hover:text-fg">
          <FilterX size={13} /> Clear filters
        </button>
      )}
      <span data-testid="filter-count" className="ml-auto tabular-nums">
        {shown === total ? `${total.toLocaleString()} ${noun}` : `${shown.toLocaleString()} of ${total.toLocaleString()} ${noun}`}
      </span>
    </div>
  )
}
