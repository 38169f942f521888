import { useState } from 'react'
import { Button } from '../ui/Button'
import { inputClass } from '../ui/Field'
import { Markdown } from './Markdown'

type Tab = 'write' | 'preview'

/** The description rendered as markdown; Edit opens a Write / Preview editor with Save and Cancel. */
export function IssueBody({ body, onSave, pending }: { body: string; onSave(body: string): Promise<boolean>; pending: boolean }) {
  const [draft, setDraft] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('write')
  if (draft === null) {
    return (
      <section>
        <div className="mb-1.5 flex items-center justify-between">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">Description</h3>
          <button type="button" aria-label="Edit description" onClick={() => { setDraft(body); setTab('write') }} className="rounded px-1.5 text-xs text-accent hover:bg-raised">Edit</button>
        </div>
        {body.trim() ? <Markdown text={body} /> : <p className="text-xs text-muted">No description.</p>}
      </section>
    )
  }
  const tabClass = (t: Tab) => `rounded px-2 py-0.5 text-xs ${tab === t ? 'bg-raised font-semibold text-fg' : 'text-muted hover:text-fg'}`
  return (
    <section data-testid="body-editor">
      <div role="tablist" className="mb-1.5 flex items-center gap-1">
        <button type="button" role="tab" aria-selected={tab === 'write'} className={tabClass('write')} onClick={() => setTab('write')}>Write</button>
        <button type="button" role="tab" aria-selected={tab === 'preview'} className={tabClass('preview')} onClick={() => setTab('preview')}>Preview</button>
        <span className="ml-auto text-[11px] text-muted">Markdown</span>
      </div>
      {tab === 'write' ? (
        <textarea aria-label="Description" autoFocus rows={10} className={`${inputClass} font-mono text-[12px] leading-relaxed`} value={draft} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <div className="min-h-24 rounded-md border border-line p-2.5">{draft.trim() ? <Markdown text={draft} /> : <p className="text-xs text-muted">Nothing to preview.</p>}</div>
      )}
      <div className="mt-2 flex justify-end gap-2">
        <Button variant="ghost" onClick={() => setDraft(null)}>Cancel</Button>
        <Button variant="primary" disabled={pending || draft === body} disabledReason={pending ? 'saving…' : 'nothing changed'} onClick={() => void onSave(draft).then((ok) => ok && setDraft(null))}>Save description</Button>
      </div>
    </section>
  )
}
