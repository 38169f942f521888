import { X } from 'lucide-react'
import { useState } from 'react'
import { controlClass } from '../ui/Field'
import { labelText } from './labels'

/** Labels as chips with a remove cross, and a field that adds one on Enter. */
export function LabelEditor({ labels, onChange, disabled }: { labels: string[]; onChange(labels: string[]): void; disabled: boolean }) {
  const [draft, setDraft] = useState('')
  const add = () => {
    const label = draft.trim()
    if (!label) return
    setDraft('')
    if (!labels.includes(label)) onChange([...labels, label])
  }
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {labels.map((label) => (
        <span key={label} title={label} className="inline-flex items-center gap-1 rounded border border-line px-1.5 py-0.5 text-[11px] text-muted">
          {labelText(label)}
          <button type="button" aria-label={`Remove label ${label}`} disabled={disabled} onClick={() => onChange(labels.filter((l) => l !== label))} className="rounded hover:text-danger disabled:opacity-40">
            <X size={11} />
          </button>
        </span>
      ))}
      <input
        aria-label="Add a label"
        placeholder="add label"
        disabled={disabled}
        className={`${controlClass} h-6 w-24 px-1.5 py-0 text-[11px]`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && add()}
      />
    </div>
  )
}
