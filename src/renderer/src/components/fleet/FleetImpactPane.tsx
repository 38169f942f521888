import { AlertTriangle, X } from 'lucide-react'
import type { FleetEntry } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { QueryPane } from '../run/PaneStates'
import { useQuery } from '../use-query'

const tier = (c: number | null) => (c === null ? '–' : `T${c}`)

/** The selected repository's facts with their sources, and its blast radius: who depends on it, by depth. */
export function FleetImpactPane({ entry, onClose, onSelect }: { entry: FleetEntry; onClose(): void; onSelect(id: string): void }) {
  const client = useClient()
  const query = useQuery(() => client.invoke('fleet.impact', { ref: entry.repoId }), [client, entry.repoId, entry.scannedHead])
  return (
    <aside data-testid="fleet-impact" aria-label={`Impact of ${entry.name}`} className="flex w-[26rem] shrink-0 flex-col border-l border-line bg-panel text-xs">
      <header className="flex items-center gap-2 border-b border-line px-4 py-2.5">
        <h3 className="truncate text-[13px] font-medium text-fg">{entry.name}</h3>
        <span className="text-muted">{tier(entry.criticality)} · {entry.lifecycle}</span>
        <button type="button" aria-label="Close" onClick={onClose} className="ml-auto rounded p-1 text-muted hover:bg-raised hover:text-fg">
          <X size={14} />
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        <QueryPane query={query} what="impact">
          {(impact) => (
            <>
              <h4 className="mb-2 font-medium text-fg" data-testid="impact-total">
                Blast radius: {impact.total === 0 ? 'nothing depends on it' : `${impact.total} repositor${impact.total === 1 ? 'y' : 'ies'}`}
              </h4>
              {impact.cycles.map((c) => (
                <p key={c.join('>')} data-testid="impact-cycle" className="mb-2 flex items-center gap-1.5 rounded-md bg-amber-500/10 px-2 py-1 text-amber-700 dark:text-amber-400">
                  <AlertTriangle size={12} /> Cycle: {c.join(' → ')}
                </p>
              ))}
              {impact.levels.map((level) => (
                <section key={level.depth} data-testid="impact-level" className="mb-3">
                  <h5 className="mb-1 text-muted">{level.depth === 1 ? 'Depends on it directly' : `Depth ${level.depth}`}</h5>
                  <ul>
                    {level.repos.map((r) => (
                      <li key={r.repoId} data-testid="impact-repo" className="border-t border-line/60 py-1.5">
                        <div className="flex items-center gap-2">
                          <button type="button" className="font-medium text-fg hover:underline" onClick={() => onSelect(r.repoId)}>{r.name}</button>
                          <span className="text-muted">{tier(r.criticality)}</span>
                          <span className="ml-auto truncate text-muted">{r.owners.join(', ') || 'no owner'}</span>
                        </div>
                        {r.via.map((v) => (
                          <div key={`${v.to}-${v.kind}-${v.name}`} className="truncate font-mono text-[10.5px] text-muted/90">{v.kind} {v.name} · {v.evidence}</div>
                        ))}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
              <h4 className="mb-1 mt-4 font-medium text-fg">Facts</h4>
              <table data-testid="fleet-facts" className="w-full">
                <tbody>
                  {entry.facts.map((f, i) => (
                    <tr key={i} className="border-t border-line/60">
                      <td className="py-1 pr-2 text-muted">{f.field}</td>
                      <td className="py-1 pr-2 text-fg">{f.value}</td>
                      <td className="py-1 font-mono text-[10.5px] text-muted">{f.source}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </QueryPane>
      </div>
    </aside>
  )
}
