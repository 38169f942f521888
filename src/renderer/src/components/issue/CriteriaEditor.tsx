import { useState } from 'react'
import { Button } from '../ui/Button'
import { inputClass } from '../ui/Field'

/** Acceptance criteria as a list; Edit turns them into one criterion per line. */
export function CriteriaEditor({ criteria, onSave, pending }: { criteria: string[]; onSave(criteria: string[]): Promise<boolean>; pending: boolean }) {
  const [draft, setDraft] = useState<string | null>(null)
  const parsed = (draft ?? '').split('\n').map((l) => l.replace(/^\s*[-*]\s+/, '').trim()).filter(Boolean)
  return (
    <section>
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">Acceptance criteria</h3>
        {draft === null && <button type="button" aria-label="Edit acceptance criteria" onClick={() => setDraft(criteria.join('\n'))} className="rounded px-1.5 text-xs text-accent hover:bg-raised">Edit</button>}
      </div>
      {draft === null ? (
        criteria.length > 0 ? (
          <ul className="list-disc space-y-1 pl-5 text-[13px]">{criteria.map((c) => <li key={c}>{c}</li>)}</ul>
        ) : (
          <p className="text-xs text-muted">None yet: the grader has nothing to judge the work by.</p>
        )
      ) : (
        <>
          <textarea aria-label="Acceptance criteria, one per line" autoFocus rows={5} className={`${inputClass} text-[12px] leading-relaxed`} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="mt-2 flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setDraft(null)}>Cancel</Button>
            <Button
              variant="primary"
              disabled={pending || JSON.stringify(parsed) === JSON.stringify(criteria)}
              disabledReason={pending ? 'saving…' : 'nothing changed'}
              onClick={() => void onSave(parsed).then((ok) => ok && setDraft(null))}
            >
              Save criteria
            </Button>
          </div>
        </>
      )}
    </section>
  )
}
