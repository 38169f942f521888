import { useEffect, useState } from 'react'
import type { WorkItem } from '../../../../shared/domain'
import { workItemCategories, workItemSizes } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { useConfirm } from '../ui/ConfirmDialog'
import { controlClass } from '../ui/Field'
import { DependencyGraph } from './DependencyGraph'
import { usePlanning } from './planning-context'

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean)

/** The issue an approved work item became, opened on the board. */
function IssueLink({ issueId, label }: { issueId: string | undefined; label: string }) {
  const selectIssue = useApp((s) => s.selectIssue)
  const title = useApp((s) => (issueId ? s.issues[issueId]?.title : undefined))
  if (!issueId) return <span className="text-muted">—</span>
  return (
    <a href={`#/board?issue=${issueId}`} aria-label={label} onClick={(e) => (e.preventDefault(), selectIssue(issueId))} className="text-accent hover:underline">
      {title ?? issueId.slice(-6)}
    </a>
  )
}

/** The review table (editable), its validation, the dependency graph, and the approval gate. */
export function DecompositionPanel() {
  const client = useClient()
  const detail = usePlanning((s) => s.detail)
  const run = usePlanning((s) => s.run)
  const busy = usePlanning((s) => s.busy)
  const [items, setItems] = useState<WorkItem[]>([])
  const [view, setView] = useState<'table' | 'graph'>('table')
  const confirm = useConfirm()
  useEffect(() => setItems(detail?.decomposition?.items ?? []), [detail?.decomposition])
  if (!detail) return null
  const d = detail.decomposition
  const id = detail.plan.id
  const approved = detail.plan.status === 'approved'
  const dirty = JSON.stringify(items) !== JSON.stringify(d?.items ?? [])
  const patch = (i: number, change: Partial<WorkItem>) => setItems(items.map((x, j) => (j === i ? { ...x, ...change } : x)))
  const cls = `${controlClass} h-7 py-0 text-[12px]`
  const cycle = d?.report.errors.find((e) => e.code === 'cycle')?.refs ?? []
  const issueOf = new Map(detail.links.map((l) => [l.itemKey, l.issueId]))
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2 text-[12px]">
        <Button disabled={Boolean(busy) || approved || !detail.current} onClick={() => void run('decompose', () => client.invoke('plan.decompose', { id }))}>{busy === 'decompose' ? 'Decomposing…' : d ? 'Decompose again' : 'Decompose'}</Button>
        {d && <span className="text-muted">{d.report.stats.items} items · {d.report.stats.points} points · critical path {d.report.stats.criticalPath} · complexity {d.report.stats.complexity}</span>}
        <div className="ml-auto flex gap-2">
          <Button variant="ghost" onClick={() => setView(view === 'table' ? 'graph' : 'table')}>{view === 'table' ? 'Dependency graph' : 'Table'}</Button>
          {dirty && <Button disabled={Boolean(busy)} onClick={() => void run('save', () => client.invoke('plan.updateItems', { id, items }))}>Save edits</Button>}
          <Button variant="primary" disabled={Boolean(busy) || approved || dirty || !d?.report.ok} disabledReason={approved ? 'the plan is already approved' : busy ? `wait for ${busy} to finish` : !d ? 'decompose the plan first' : dirty ? 'save your edits first' : 'fix the errors listed below first'} onClick={() => void confirm.ask({
            title: `Create ${items.length} ${items.length === 1 ? 'issue' : 'issues'}?`,
            body: <><p>Approving the plan creates these issues, approved and ready to run; the plan cannot be approved twice.</p><ol className="mt-2 max-h-64 list-decimal overflow-y-auto pl-5">{items.map((i) => <li key={i.key}>{i.title}</li>)}</ol></>,
            confirmLabel: `Approve and create ${items.length}`
          }).then((ok) => (ok ? run('approve', () => client.invoke('plan.approve', { id })) : undefined))}>{approved ? `Approved: ${detail.links.length} issues` : 'Approve and create issues'}</Button>
        </div>
      </div>
      {confirm.dialog}
      {d && [...d.report.errors, ...d.report.warnings].length > 0 && (
        <ul className="border-b border-line bg-panel px-3 py-1.5 text-[12px]" data-testid="decomposition-problems">
          {[...d.report.errors, ...d.report.warnings].map((p) => <li key={p.message} className={p.severity === 'error' ? 'text-danger' : 'text-warn'}>{p.severity}: {p.message}</li>)}
        </ul>
      )}
      <div className="min-h-0 flex-1 overflow-auto">
        {view === 'graph' ? <DependencyGraph items={items} cycle={cycle} /> : (
          <table className="w-full text-[12px]" data-testid="decomposition-table">
            <thead className="sticky top-0 bg-panel text-left text-muted"><tr>{['Key', 'Title', 'Category', 'Size', 'Component', 'Requirements', 'Depends on', ...(approved ? ['Issue'] : [])].map((h) => <th key={h} className="px-2 py-1 font-medium">{h}</th>)}</tr></thead>
            <tbody>
              {items.map((item, i) => (
                <tr key={item.key} className="border-t border-line">
                  <td className="px-2 font-mono">{item.key}</td>
                  <td className="px-2"><input aria-label={`Title ${item.key}`} className={`${cls} w-full`} value={item.title} disabled={approved} onChange={(e) => patch(i, { title: e.target.value })} /></td>
                  <td className="px-2"><select className={cls} value={item.category} disabled={approved} onChange={(e) => patch(i, { category: e.target.value as WorkItem['category'] })}>{workItemCategories.map((c) => <option key={c}>{c}</option>)}</select></td>
                  <td className="px-2"><select className={cls} value={item.size} disabled={approved} onChange={(e) => patch(i, { size: e.target.value as WorkItem['size'] })}>{workItemSizes.map((c) => <option key={c}>{c}</option>)}</select></td>
                  <td className="px-2 text-muted">{item.component}</td>
                  <td className="px-2 text-muted">{item.requirement_ids.join(', ')}</td>
                  <td className="px-2"><input aria-label={`Depends on ${item.key}`} className={`${cls} w-32`} value={item.depends_on.join(', ')} disabled={approved} onChange={(e) => patch(i, { depends_on: list(e.target.value) })} /></td>
                  {approved && <td className="px-2"><IssueLink issueId={issueOf.get(item.key)} label={`Open the issue of ${item.key}`} /></td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  )
}
