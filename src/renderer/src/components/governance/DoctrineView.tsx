import { ScrollText } from 'lucide-react'
import { useState } from 'react'
import { useApp, useClient } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { QueryPane } from '../run/PaneStates'
import { useQuery } from '../use-query'

/** A repository's doctrine: its ADRs and policy with their rules, and any file that could not be read. */
export function DoctrineView() {
  const client = useClient()
  const repos = useApp((s) => s.repos)
  const [picked, setPicked] = useState<string | null>(null)
  const repoId = picked ?? repos[0]?.id ?? null
  const query = useQuery(() => (repoId ? client.invoke('doctrine.list', { repoId }) : Promise.resolve(null)), [client, repoId])
  if (!repoId) return <EmptyState icon={ScrollText} title="No repository yet">Register a repository to see its doctrine.</EmptyState>
  return (
    <div data-testid="doctrine-view" className="h-full overflow-y-auto bg-bg p-6">
      <header className="mb-4 flex items-center gap-3">
        <h2 className="text-base font-semibold">Doctrine</h2>
        <select aria-label="Repository" value={repoId} onChange={(e) => setPicked(e.target.value)} className="h-8 rounded-md border border-line bg-panel px-2 text-[13px]">
          {repos.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
        <span className="text-xs text-muted">ADRs from the repository’s ADR folder and the governance section of its policy</span>
      </header>
      <QueryPane query={query} what="doctrine">
        {(d) =>
          d && (
            <div className="space-y-4">
              {d.problems.length > 0 && (
                <ul role="alert" className="rounded border border-danger/40 bg-danger/10 p-2 text-xs text-danger">{d.problems.map((p) => <li key={p}>{p}</li>)}</ul>
              )}
              <table className="w-full rounded-lg border border-line bg-panel text-left text-[13px]">
                <thead className="text-xs text-muted"><tr>{['Doctrine', 'Version', 'Priority', 'Status', 'Rules', 'Decision'].map((h) => <th key={h} className="px-3 py-2 font-medium">{h}</th>)}</tr></thead>
                <tbody>
                  {d.entries.map((e) => (
                    <tr key={`${e.namespace}/${e.name}`} data-testid="doctrine-entry" className="border-t border-line align-top">
                      <td className="px-3 py-2"><div className="font-medium">{e.title}</div><div className="font-mono text-[11px] text-muted">{e.namespace}/{e.name} · {e.source}</div></td>
                      <td className="px-3 py-2 font-mono">{e.version}</td>
                      <td className="px-3 py-2">{e.priority}</td>
                      <td className="px-3 py-2">{e.status}</td>
                      <td className="px-3 py-2 text-xs text-muted">{e.rules.components} components · {e.rules.imports} imports · {e.rules.tiers} tiers</td>
                      <td className="px-3 py-2 text-xs">{e.decision}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="grid gap-4 md:grid-cols-3 text-xs">
                <section className="rounded-lg border border-line bg-panel p-3"><h3 className="mb-2 text-[13px] font-semibold">Components</h3>{d.components.length ? d.components.map((c) => <div key={c.name}><b>{c.name}</b> <span className="font-mono text-muted">{c.paths.join(', ')}</span></div>) : <span className="text-muted">none</span>}</section>
                <section className="rounded-lg border border-line bg-panel p-3"><h3 className="mb-2 text-[13px] font-semibold">Import rules</h3>{d.imports.length ? d.imports.map((r) => <div key={r.name} data-testid="import-rule"><b>{r.name}</b>{r.blocking ? '' : ' (warning)'}: <span className="font-mono">{r.from.join(', ')}</span> must not import <span className="font-mono">{[...r.to, ...r.packages].join(', ')}</span></div>) : <span className="text-muted">none</span>}</section>
                <section className="rounded-lg border border-line bg-panel p-3"><h3 className="mb-2 text-[13px] font-semibold">Scale tiers</h3>{d.tiers.length ? d.tiers.map((t) => <div key={t.tier}>tier {t.tier}: ≤ {t.maxFiles} files, ≤ {t.maxLines} lines{t.newDependencies ? '' : ', no new dependencies'}</div>) : <span className="text-muted">none</span>}</section>
              </div>
            </div>
          )
        }
      </QueryPane>
    </div>
  )
}
