import { Pencil } from 'lucide-react'
import { useRef, useState } from 'react'
import { inputClass } from '../ui/Field'

/** The issue's title; the pencil (or a double click) turns it into a field: Enter saves, Escape cancels. */
export function IssueTitle({ title, onSave }: { title: string; onSave(title: string): Promise<boolean> }) {
  const [draft, setDraft] = useState<string | null>(null)
  // Escape removes the field, and a blur may follow: it must not save what was just cancelled.
  const cancelled = useRef(false)
  if (draft === null) {
    return (
      <div className="group flex items-start gap-1.5">
        <h2 className="text-[15px] font-semibold leading-snug" onDoubleClick={() => { cancelled.current = false; setDraft(title) }}>{title}</h2>
        <button type="button" aria-label="Edit title" onClick={() => { cancelled.current = false; setDraft(title) }} className="mt-0.5 rounded p-0.5 text-muted opacity-60 hover:bg-raised hover:text-fg group-hover:opacity-100">
          <Pencil size={13} />
        </button>
      </div>
    )
  }
  const commit = async () => {
    if (cancelled.current) return
    if (draft.trim() === title) return setDraft(null)
    if (await onSave(draft)) setDraft(null)
  }
  return (
    <input
      aria-label="Title"
      autoFocus
      className={`${inputClass} text-[14px] font-semibold`}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void commit()
        if (e.key === 'Escape') {
          e.stopPropagation()
          cancelled.current = true
          setDraft(null)
        }
      }}
      onBlur={() => void commit()}
    />
  )
}
