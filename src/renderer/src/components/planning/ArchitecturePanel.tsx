import { useState } from 'react'
import type { RelationshipKind } from '../../../../shared/domain'
import { Button } from '../ui/Button'
import { controlClass } from '../ui/Field'
import { EditToolbar, type Selection } from './EditToolbar'
import { usePlanning } from './planning-context'
import { VersionDiff } from './VersionDiff'
import { Wireframe } from './Wireframe'

/** The current version's wireframe with editing, or a side-by-side comparison of two versions. */
export function ArchitecturePanel() {
  const detail = usePlanning((s) => s.detail)
  const edit = usePlanning((s) => s.edit)
  const [selection, setSelection] = useState<Selection>(null)
  const [newKind, setNewKind] = useState<RelationshipKind>('calls')
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null)
  if (!detail?.current) return <div className="p-6 text-muted">No architecture yet: answer the questions (or keep the defaults) and generate it.</div>
  const { current, versions } = detail
  const cls = `${controlClass} h-8 py-0`
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 border-b border-line px-3 py-1.5 text-[12px]">
        <span data-testid="current-version" className="font-semibold">v{current.version}</span>
        <span className="text-muted">{current.source}: {current.note}</span>
        <span className="ml-auto text-muted">{current.pack.coverage.covered_total}/{current.pack.coverage.requirements_total} requirements covered</span>
        {versions.length > 1 && (
          compare ? (
            <>
              <select aria-label="Compare from" className={cls} value={compare.from} onChange={(e) => setCompare({ ...compare, from: Number(e.target.value) })}>{versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}</select>
              <select aria-label="Compare to" className={cls} value={compare.to} onChange={(e) => setCompare({ ...compare, to: Number(e.target.value) })}>{versions.map((v) => <option key={v.version} value={v.version}>v{v.version}</option>)}</select>
              <Button onClick={() => setCompare(null)}>Back to editing</Button>
            </>
          ) : <Button onClick={() => setCompare({ from: current.version - 1, to: current.version })}>Compare versions</Button>
        )}
      </div>
      {compare ? <div className="min-h-0 flex-1"><VersionDiff planId={detail.plan.id} from={compare.from} to={compare.to} /></div> : (
        <>
          {detail.plan.status !== 'approved' && <EditToolbar components={current.pack.architecture.components} selection={selection} newKind={newKind} setNewKind={setNewKind} />}
          <div className="min-h-0 flex-1">
            <Wireframe architecture={current.pack.architecture} editable={detail.plan.status !== 'approved'} selection={selection} onSelect={setSelection} onConnect={(from, to) => void edit([{ op: 'connect', from, to, kind: newKind }])} />
          </div>
        </>
      )}
    </div>
  )
}
