import { useState } from 'react'
import { useApp } from '../../app/context'
import { Button } from '../ui/Button'
import { Field, inputClass } from '../ui/Field'
import { usePlanning } from './planning-context'

/** PRD text, optional org constraints (YAML), and the target: a registered repository or a new one. */
export function PlanIntake() {
  const repos = useApp((s) => s.repos)
  const create = usePlanning((s) => s.create)
  const busy = usePlanning((s) => s.busy)
  const error = usePlanning((s) => s.error)
  const [prd, setPrd] = useState('')
  const [constraints, setConstraints] = useState('')
  const [repoId, setRepoId] = useState('')
  const [newName, setNewName] = useState('')
  const target = repoId ? { kind: 'existing' as const, repoId } : { kind: 'new' as const, name: newName.trim() }
  const ready = prd.trim() && (repoId || newName.trim())
  return (
    <div className="mx-auto max-w-3xl space-y-3 overflow-auto p-6" data-testid="plan-intake">
      <h2 className="text-base font-semibold">New plan</h2>
      <Field label="PRD" hint="Markdown or text; large documents are read section by section.">
        <textarea name="prd" className={`${inputClass} h-48 font-mono text-[12px]`} placeholder="# Product requirements…" value={prd} onChange={(e) => setPrd(e.target.value)} />
      </Field>
      <Field label="Org constraints (YAML, optional)">
        <textarea name="constraints" className={`${inputClass} h-20 font-mono text-[12px]`} placeholder="cloud: aws&#10;languages: [typescript]" value={constraints} onChange={(e) => setConstraints(e.target.value)} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Existing repository">
          <select name="repo" className={inputClass} value={repoId} onChange={(e) => setRepoId(e.target.value)}>
            <option value="">— create a new one —</option>
            {repos.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </Field>
        <Field label="New repository name" hint="Created as a local git repository with a README and docs.">
          <input name="newRepo" className={inputClass} disabled={Boolean(repoId)} placeholder="my-product" value={newName} onChange={(e) => setNewName(e.target.value)} />
        </Field>
      </div>
      {error && <p className="text-[12px] text-danger">{error}</p>}
      <Button variant="primary" disabled={!ready || Boolean(busy)} onClick={() => void create({ prdText: prd, orgConstraintsYaml: constraints, target })}>{busy === 'create' ? 'Creating…' : 'Create plan'}</Button>
    </div>
  )
}
