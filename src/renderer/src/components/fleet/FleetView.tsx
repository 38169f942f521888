import { useVirtualizer } from '@tanstack/react-virtual'
import { Boxes } from 'lucide-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { FleetEntry } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { QueryPane } from '../run/PaneStates'
import { useQuery } from '../use-query'
import { type FleetFilter, type FleetSort, filterFleet, noFilter, runtimesOf } from './fleet-filters'
import { FleetImpactPane } from './FleetImpactPane'

const sorts: { id: FleetSort; label: string }[] = [
  { id: 'name', label: 'Name' },
  { id: 'criticality', label: 'Tier' },
  { id: 'owner', label: 'Owner' },
  { id: 'runtime', label: 'Runtime' }
]
const COLUMNS = 'grid grid-cols-[minmax(9rem,1.4fr)_3rem_5.5rem_minmax(7rem,1fr)_minmax(7rem,1fr)_minmax(5rem,0.8fr)_minmax(7rem,1fr)_minmax(6rem,1fr)] gap-3'
const tierLabel = (c: number | null) => (c === null ? '–' : `T${c}`)
const tierStyle = (c: number | null) => (c === 0 ? 'bg-red-500/15 text-red-600 dark:text-red-400' : c === 1 ? 'bg-amber-500/15 text-amber-700 dark:text-amber-400' : c === null ? 'text-muted' : 'bg-raised text-fg')

/** Reloads when a repository is added or its catalog values change (scans, sets, imports), at most twice a second. */
function useFleetReload(reload: () => void) {
  const client = useClient()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = client.subscribe((event) => {
      if ((event.topic !== 'fleet.updated' && event.topic !== 'repo.added') || timer) return
      timer = setTimeout(() => {
        timer = undefined
        reload()
      }, 500)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [client, reload])
}

/** The fleet: every registered repository with its catalog values, filtered and sorted; the impact of the selected one. */
export function FleetView() {
  const client = useClient()
  const query = useQuery(() => client.invoke('fleet.list', {}), [client])
  useFleetReload(query.reload)
  return (
    <div data-testid="fleet-view" className="flex h-full flex-col">
      <QueryPane query={query} what="fleet">
        {(entries) =>
          entries.length ? (
            <FleetBody entries={entries} />
          ) : (
            <EmptyState icon={Boxes} title="No repositories yet">
              Register repositories (<code>flightdeck repo add PATH</code>); their owners, runtimes, CI and dependencies are read from their files.
            </EmptyState>
          )
        }
      </QueryPane>
    </div>
  )
}

function FleetBody({ entries }: { entries: FleetEntry[] }) {
  const [filter, setFilter] = useState<FleetFilter>(noFilter)
  const [sort, setSort] = useState<FleetSort>('criticality')
  const [selected, setSelected] = useState<string | null>(null)
  const shown = useMemo(() => filterFleet(entries, filter, sort), [entries, filter, sort])
  const runtimes = useMemo(() => runtimesOf(entries), [entries])
  const chosen = entries.find((e) => e.repoId === selected) ?? null
  const select = 'rounded-md border border-line bg-panel px-2 py-1 text-xs text-fg'
  return (
    <>
      <div className="flex h-11 shrink-0 items-center gap-2 border-b border-line bg-panel px-4 text-xs">
        <h2 className="mr-2 text-[13px] font-medium text-fg">Fleet</h2>
        <input aria-label="Filter repositories" placeholder="Name, owner, tag, runtime" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} className={`${select} w-56`} />
        <select aria-label="Tier" value={filter.criticality === null ? '' : String(filter.criticality)} onChange={(e) => setFilter({ ...filter, criticality: e.target.value === '' ? null : e.target.value === 'none' ? 'none' : Number(e.target.value) })} className={select}>
          <option value="">Any tier</option>
          {[0, 1, 2, 3].map((t) => <option key={t} value={t}>{`T${t}`}</option>)}
          <option value="none">No tier</option>
        </select>
        <select aria-label="Lifecycle" value={filter.lifecycle ?? ''} onChange={(e) => setFilter({ ...filter, lifecycle: e.target.value === '' ? null : (e.target.value as FleetEntry['lifecycle']) })} className={select}>
          <option value="">Any lifecycle</option>
          <option value="active">Active</option>
          <option value="deprecated">Deprecated</option>
        </select>
        <select aria-label="Runtime" value={filter.runtime ?? ''} onChange={(e) => setFilter({ ...filter, runtime: e.target.value || null })} className={select}>
          <option value="">Any runtime</option>
          {runtimes.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <span className="ml-auto text-muted">Sort</span>
        {sorts.map((s) => (
          <button key={s.id} type="button" aria-pressed={sort === s.id} onClick={() => setSort(s.id)} className={`rounded-md px-2 py-1 font-medium ${sort === s.id ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}>
            {s.label}
          </button>
        ))}
        <span data-testid="fleet-count" className="ml-2 tabular-nums text-muted">{shown.length === entries.length ? `${entries.length}` : `${shown.length} of ${entries.length}`}</span>
      </div>
      <div className="flex min-h-0 flex-1">
        <FleetList entries={shown} selected={selected} onSelect={setSelected} />
        {chosen && <FleetImpactPane entry={chosen} onClose={() => setSelected(null)} onSelect={setSelected} />}
      </div>
    </>
  )
}

/** The rows, virtualized: a fleet of 2,000 repositories renders only what is on screen. */
function FleetList({ entries, selected, onSelect }: { entries: FleetEntry[]; selected: string | null; onSelect(id: string): void }) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => 34, overscan: 12 })
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '–')
  return (
    <div className="flex min-w-0 flex-1 flex-col text-xs">
      <div className={`${COLUMNS} shrink-0 border-b border-line px-4 py-1.5 text-muted`}>
        <span>Repository</span><span>Tier</span><span>Lifecycle</span><span>Owners</span><span>Runtime</span><span>Packages</span><span>CI</span><span>Tags</span>
      </div>
      <div ref={scrollRef} data-testid="fleet-list" className="min-h-0 flex-1 overflow-y-auto">
        {entries.length === 0 ? (
          <p className="px-4 py-6 text-center text-muted">No repository matches the filter</p>
        ) : (
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const e = entries[row.index]!
              return (
                <button
                  key={e.repoId}
                  type="button"
                  data-testid="fleet-row"
                  data-name={e.name}
                  aria-pressed={selected === e.repoId}
                  onClick={() => onSelect(e.repoId)}
                  className={`${COLUMNS} absolute inset-x-0 items-center border-b border-line/60 px-4 text-left hover:bg-raised/60 ${selected === e.repoId ? 'bg-raised' : ''}`}
                  style={{ height: row.size, transform: `translateY(${row.start}px)` }}
                >
                  <span className="truncate font-medium text-fg">{e.name}</span>
                  <span><span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${tierStyle(e.criticality)}`}>{tierLabel(e.criticality)}</span></span>
                  <span className={e.lifecycle === 'deprecated' ? 'text-amber-700 dark:text-amber-400' : 'text-muted'}>{e.lifecycle}</span>
                  <span className="truncate">{list(e.owners)}</span>
                  <span className="truncate">{list(e.runtimes)}</span>
                  <span className="truncate text-muted">{list(e.packageManagers)}</span>
                  <span className="truncate text-muted">{list(e.ci)}</span>
                  <span className="truncate text-muted">{list(e.tags)}</span>
                </button>
              )
            })}
          </div>
        )}
      </div>
    </div>
  )
}
