import { X } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { Issue } from '../../../../shared/domain'
import { useApp } from '../../app/context'
import { statusDot } from '../status-style'
import { controlClass } from '../ui/Field'

/**
 * Dependencies by title: each is a chip (click opens it) with a remove cross; the search field finds
 * other issues of the same repository by title and adds the one picked. The core refuses cycles.
 */
export function DependencyEditor({ issue, onChange, disabled }: { issue: Issue; onChange(dependsOn: string[]): void; disabled: boolean }) {
  const issues = useApp((s) => s.issues)
  const selectIssue = useApp((s) => s.selectIssue)
  const [query, setQuery] = useState('')
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase()
    if (!q) return []
    const found: Issue[] = []
    for (const other of Object.values(issues)) {
      if (other.id === issue.id || other.repoId !== issue.repoId || issue.dependsOn.includes(other.id)) continue
      if (other.title.toLowerCase().includes(q) || other.id.toLowerCase() === q) found.push(other)
      if (found.length >= 8) break
    }
    return found
  }, [issues, issue, query])

  return (
    <div className="space-y-1.5">
      {issue.dependsOn.length === 0 && <p className="text-xs text-muted">None.</p>}
      <ul className="space-y-1">
        {issue.dependsOn.map((id) => {
          const dep = issues[id]
          return (
            <li key={id} data-testid="dependency" className="flex items-center gap-1.5 text-[13px]">
              {dep && <span className={`size-1.5 shrink-0 rounded-full ${statusDot[dep.status]}`} />}
              <button type="button" title={id} onClick={() => dep && selectIssue(id)} className="min-w-0 truncate text-left hover:underline">
                {dep?.title ?? <span className="font-mono text-xs">…{id.slice(-6)} (not loaded)</span>}
              </button>
              <button type="button" aria-label={`Remove dependency ${dep?.title ?? id}`} disabled={disabled} onClick={() => onChange(issue.dependsOn.filter((d) => d !== id))} className="ml-auto rounded p-0.5 text-muted hover:text-danger disabled:opacity-40">
                <X size={12} />
              </button>
            </li>
          )
        })}
      </ul>
      <div className="relative">
        <input
          aria-label="Add a dependency"
          placeholder="Add a dependency: search by title"
          disabled={disabled}
          className={`${controlClass} w-full text-[12px]`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setQuery(''))}
        />
        {query.trim() && (
          <ul role="listbox" aria-label="Matching issues" className="absolute inset-x-0 top-full z-10 mt-1 max-h-56 overflow-y-auto rounded-md border border-line bg-panel py-1 shadow-xl">
            {matches.length === 0 && <li className="px-2.5 py-1.5 text-xs text-muted">No other issue in this repository matches.</li>}
            {matches.map((m) => (
              <li key={m.id} role="option" aria-selected={false}>
                <button type="button" onClick={() => { setQuery(''); onChange([...issue.dependsOn, m.id]) }} className="flex w-full items-center gap-2 px-2.5 py-1.5 text-left text-[13px] hover:bg-raised">
                  <span className={`size-1.5 shrink-0 rounded-full ${statusDot[m.status]}`} />
                  <span className="min-w-0 flex-1 truncate">{m.title}</span>
                  <span className="font-mono text-[10px] text-muted">…{m.id.slice(-6)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  )
}
