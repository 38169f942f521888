import { FolderGit2, Plus, Search } from 'lucide-react'
import { useApp } from '../app/context'
import { OpenQuestionsBadge } from './forum/ForumView'
import { PaletteButton } from './palette/PaletteButton'
import { Button } from './ui/Button'
import { controlClass } from './ui/Field'

export function TopBar() {
  const repos = useApp((s) => s.repos)
  const repoFilter = useApp((s) => s.repoFilter)
  const textFilter = useApp((s) => s.textFilter)
  const setRepoFilter = useApp((s) => s.setRepoFilter)
  const setTextFilter = useApp((s) => s.setTextFilter)
  const openDialog = useApp((s) => s.openDialog)
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-panel px-4">
      <div className="flex items-center gap-2 pr-2">
        <div className="flex size-6 items-center justify-center rounded-md bg-accent text-[11px] font-bold text-accent-fg">FD</div>
        <span className="text-sm font-semibold">Flightdeck</span>
      </div>
      <select aria-label="Repository" className={`${controlClass} h-8 w-52 py-0`} value={repoFilter ?? ''} onChange={(e) => setRepoFilter(e.target.value || null)}>
        <option value="">All repositories</option>
        {repos.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
      <div className="relative w-64">
        <Search size={14} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-muted" />
        <input aria-label="Filter issues" className={`${controlClass} h-8 w-full pl-8`} placeholder="Filter by title, label or id" value={textFilter} onChange={(e) => setTextFilter(e.target.value)} />
      </div>
      <PaletteButton />
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <OpenQuestionsBadge />
        <Button variant="ghost" onClick={() => openDialog('add-repo')}>
          <FolderGit2 size={15} /> Add repo
        </Button>
        <Button variant="primary" disabled={repos.length === 0} onClick={() => openDialog('new-issue')}>
          <Plus size={15} /> New issue
        </Button>
      </div>
    </header>
  )
}
