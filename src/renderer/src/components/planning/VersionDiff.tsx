import { useEffect, useMemo, useState } from 'react'
import type { PackDiff, PlanVersion } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { Wireframe } from './Wireframe'

const color: Record<string, string> = { added: 'text-ok', removed: 'text-danger', changed: 'text-warn' }

/** What a diff adds, removes and changes, one line each. */
export function DiffList({ diff, className, testId = 'diff-list' }: { diff: PackDiff; className?: string; testId?: string }) {
  const rows = [
    ...diff.components.added.map((c) => ['added', `component ${c.id} (${c.type})`]),
    ...diff.components.removed.map((c) => ['removed', `component ${c.id}`]),
    ...diff.components.changed.map((c) => ['changed', `component ${c.after.id}: ${c.before.name} → ${c.after.name}${c.before.type !== c.after.type ? `, ${c.before.type} → ${c.after.type}` : ''}`]),
    ...diff.relationships.added.map((r) => ['added', `${r.from} -${r.kind}→ ${r.to}`]),
    ...diff.relationships.removed.map((r) => ['removed', `${r.from} -${r.kind}→ ${r.to}`]),
    ...diff.relationships.changed.map((r) => ['changed', `${r.after.from} → ${r.after.to}: ${r.before.kind} → ${r.after.kind}`]),
    ...diff.requirements.added.map((r) => ['added', `requirement ${r.id}`]),
    ...diff.requirements.removed.map((r) => ['removed', `requirement ${r.id}`]),
    ...diff.requirements.changed.map((r) => ['changed', `requirement ${r.after.id}`])
  ]
  return (
    <ul className={`text-[12px] ${className ?? ''}`} data-testid={testId}>
      {rows.length === 0 && <li className="text-muted">No differences</li>}
      {rows.map(([kind, text]) => <li key={`${kind}${text}`} className={color[kind as string]}>{kind}: {text}</li>)}
    </ul>
  )
}

/** Two versions side by side: the older and newer wireframes, and what was added, removed and changed. */
export function VersionDiff({ planId, from, to }: { planId: string; from: number; to: number }) {
  const client = useClient()
  const [state, setState] = useState<{ a: PlanVersion; b: PlanVersion; diff: PackDiff } | { error: string } | null>(null)
  useEffect(() => {
    let live = true
    Promise.all([client.invoke('plan.version', { id: planId, version: from }), client.invoke('plan.version', { id: planId, version: to }), client.invoke('plan.diff', { id: planId, from, to })])
      .then(([a, b, diff]) => live && setState({ a, b, diff }))
      .catch((e: unknown) => live && setState({ error: String(e) }))
    return () => {
      live = false
    }
  }, [client, planId, from, to])
  // Stable per diff: new marks make new node objects, and React Flow re-measures (and hides) nodes it is handed anew.
  const marks = useMemo(() => {
    if (!state || 'error' in state) return {}
    const { added, changed } = state.diff.components
    return Object.fromEntries([...added.map((c) => [c.id, 'added'] as const), ...changed.map((c) => [c.after.id, 'changed'] as const)])
  }, [state])
  if (!state) return <div className="p-4 text-muted">Comparing…</div>
  if ('error' in state) return <div className="p-4 text-danger">{state.error}</div>
  const { diff } = state
  return (
    <div className="flex h-full flex-col" data-testid="version-diff">
      <div className="grid min-h-0 flex-1 grid-cols-2 gap-px bg-line">
        <div className="flex min-h-0 flex-col bg-bg"><div className="px-3 py-1 text-[12px] font-semibold">v{from}</div><div className="min-h-0 flex-1"><Wireframe architecture={state.a.pack.architecture} testId="diff-left" /></div></div>
        <div className="flex min-h-0 flex-col bg-bg"><div className="px-3 py-1 text-[12px] font-semibold">v{to}</div><div className="min-h-0 flex-1"><Wireframe architecture={state.b.pack.architecture} marks={marks} testId="diff-right" /></div></div>
      </div>
      <DiffList diff={diff} className="max-h-40 overflow-auto border-t border-line bg-panel px-3 py-2" />
    </div>
  )
}
