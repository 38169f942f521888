import { useEffect, useState } from 'react'
import type { ArchComponent, ComponentType, RelationshipKind } from '../../../../shared/domain'
import { componentTypes, relationshipKinds } from '../../../../shared/domain'
import { Button } from '../ui/Button'
import { useConfirm } from '../ui/ConfirmDialog'
import { controlClass } from '../ui/Field'
import { usePlanning } from './planning-context'

export type Selection = { node?: string; edge?: { from: string; to: string; kind: RelationshipKind } } | null

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').replace(/^(\d)/, 'c-$1').slice(0, 60) || 'component'

/** Wireframe edits; each action is applied as one new version of the pack. */
export function EditToolbar({ components, selection, newKind, setNewKind }: { components: ArchComponent[]; selection: Selection; newKind: RelationshipKind; setNewKind(k: RelationshipKind): void }) {
  const edit = usePlanning((s) => s.edit)
  const busy = usePlanning((s) => s.busy)
  const [name, setName] = useState('')
  const [type, setType] = useState<ComponentType>('service')
  const selected = components.find((c) => c.id === selection?.node)
  const [rename, setRename] = useState('')
  const confirm = useConfirm()
  const cls = `${controlClass} h-8 py-0`
  const remove = (c: ArchComponent) =>
    void confirm.ask({ title: `Remove ${c.name}?`, body: 'The component and every relationship to or from it leave the architecture (a new version; earlier versions keep it).', confirmLabel: 'Remove component', danger: true }).then((ok) => (ok ? edit([{ op: 'removeComponent', id: c.id }]) : undefined))
  const edge = selection?.edge
  const disconnect = (e: NonNullable<typeof edge>) => void edit([{ op: 'disconnect', from: e.from, to: e.to }])
  // Delete (or Backspace) removes what is selected on the wireframe, as its button does: a component after asking.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'Delete' && e.key !== 'Backspace') || busy || document.querySelector('[role=dialog]')) return
      const target = e.target as HTMLElement | null
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return
      if (selected) remove(selected)
      else if (edge) disconnect(edge)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-line bg-panel px-3 py-2 text-[12px]">
      <input aria-label="New component name" className={`${cls} w-40`} placeholder="New component" value={name} onChange={(e) => setName(e.target.value)} />
      <select aria-label="New component type" className={cls} value={type} onChange={(e) => setType(e.target.value as ComponentType)}>
        {componentTypes.map((t) => <option key={t}>{t}</option>)}
      </select>
      <Button disabled={!name.trim() || Boolean(busy)} onClick={() => void edit([{ op: 'addComponent', id: slug(name), name: name.trim(), type }]).then(() => setName(''))}>Add component</Button>
      <span className="mx-1 h-5 w-px bg-line" />
      <label className="flex items-center gap-1 text-muted">new edges
        <select aria-label="New edge kind" className={cls} value={newKind} onChange={(e) => setNewKind(e.target.value as RelationshipKind)}>
          {relationshipKinds.map((k) => <option key={k}>{k}</option>)}
        </select>
      </label>
      {selected && (
        <>
          <span className="mx-1 h-5 w-px bg-line" />
          <input aria-label="Rename component" className={`${cls} w-40`} placeholder={selected.name} value={rename} onChange={(e) => setRename(e.target.value)} />
          <Button disabled={!rename.trim()} onClick={() => void edit([{ op: 'renameComponent', id: selected.id, name: rename.trim() }]).then(() => setRename(''))}>Rename</Button>
          <select aria-label="Component type" className={cls} value={selected.type} onChange={(e) => void edit([{ op: 'setComponentType', id: selected.id, type: e.target.value as ComponentType }])}>
            {componentTypes.map((t) => <option key={t}>{t}</option>)}
          </select>
          <Button variant="danger" title="Delete" onClick={() => remove(selected)}>Remove {selected.id}</Button>
        </>
      )}
      {confirm.dialog}
      {selection?.edge && (
        <>
          <span className="mx-1 h-5 w-px bg-line" />
          <span className="text-muted">{selection.edge.from} → {selection.edge.to}</span>
          <select aria-label="Relationship kind" className={cls} value={selection.edge.kind} onChange={(e) => void edit([{ op: 'setRelationshipKind', from: selection.edge!.from, to: selection.edge!.to, kind: e.target.value as RelationshipKind }])}>
            {relationshipKinds.map((k) => <option key={k}>{k}</option>)}
          </select>
          <Button variant="danger" title="Delete" onClick={() => disconnect(selection.edge!)}>Disconnect</Button>
        </>
      )}
    </div>
  )
}
