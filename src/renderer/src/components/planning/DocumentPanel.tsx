import { CloudUpload, Download, ExternalLink, FileText } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { ArchitecturePack, PlanDetail } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { Button } from '../ui/Button'
import { controlClass } from '../ui/Field'
import { usePlanning } from './planning-context'

type Exported = { dir: string; documents: { name: string; content: string }[] }
type Synced = { created: number; updated: number; issues: { itemKey: string; number: number }[]; owner: string; repo: string; baseUrl: string }

const h3 = 'mb-2 text-[11px] font-semibold uppercase tracking-wide text-muted'

/** Each requirement with the components that own it and the work items (and, once approved, the issues) that build it. */
function Requirements({ detail, pack }: { detail: PlanDetail; pack: ArchitecturePack }) {
  const openIssue = useApp((s) => s.selectIssue)
  const names = new Map(pack.architecture.components.map((c) => [c.id, c.name]))
  const items = detail.decomposition?.items ?? []
  const issueOf = new Map(detail.links.map((l) => [l.itemKey, l.issueId]))
  return (
    <section aria-labelledby="doc-requirements">
      <h3 id="doc-requirements" className={h3}>Requirements · {pack.coverage.covered_total} of {pack.coverage.requirements_total} owned by a component</h3>
      <table data-testid="doc-requirements" className="w-full text-[12px]">
        <thead className="text-left text-muted"><tr>{['Id', 'Priority', 'Requirement', 'From', 'Components', 'Work items'].map((x) => <th key={x} className="px-2 py-1 font-medium">{x}</th>)}</tr></thead>
        <tbody>
          {pack.requirements.map((r) => {
            const trace = pack.trace.find((t) => t.requirement_id === r.id)?.component_ids ?? []
            const work = items.filter((i) => i.requirement_ids.includes(r.id))
            return (
              <tr key={r.id} data-testid={`doc-requirement-${r.id}`} className="border-t border-line align-top">
                <td className="px-2 py-1 font-mono">{r.id}</td>
                <td className="px-2 py-1">{r.priority}</td>
                <td className="px-2 py-1">{r.text}</td>
                <td className="px-2 py-1 text-muted">{r.source}</td>
                <td className="px-2 py-1">{trace.length ? trace.map((c) => names.get(c) ?? c).join(', ') : <span className="text-danger">none</span>}</td>
                <td className="px-2 py-1">
                  {work.length === 0 && <span className="text-muted">{detail.decomposition ? 'none' : 'not decomposed yet'}</span>}
                  {work.map((w) => {
                    const issueId = issueOf.get(w.key)
                    return (
                      <div key={w.key}>
                        {issueId ? (
                          <a href={`#/board?issue=${issueId}`} onClick={(e) => (e.preventDefault(), openIssue(issueId))} className="text-accent hover:underline">{w.key} {w.title}</a>
                        ) : <span>{w.key} {w.title}</span>}
                      </div>
                    )
                  })}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

function Bullets({ id, title, items, empty }: { id: string; title: string; items: string[]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className={h3}>{title}</h3>
      {items.length ? <ul data-testid={id} className="list-disc space-y-1 pl-5 text-[13px]">{items.map((x) => <li key={x}>{x}</li>)}</ul> : <p className="text-xs text-muted">{empty}</p>}
    </section>
  )
}

/** Export: the files written under the data folder, each one downloadable from here. */
function ExportBar({ planId, version }: { planId: string; version: number }) {
  const client = useClient()
  const run = usePlanning((s) => s.run)
  const busy = usePlanning((s) => s.busy)
  const [exported, setExported] = useState<Exported | null>(null)
  const [urls, setUrls] = useState<Record<string, string>>({})
  useEffect(() => {
    const made = Object.fromEntries((exported?.documents ?? []).map((d) => [d.name, URL.createObjectURL(new Blob([d.content], { type: d.name.endsWith('.json') ? 'application/json' : 'text/plain' }))]))
    setUrls(made)
    return () => Object.values(made).forEach((u) => URL.revokeObjectURL(u))
  }, [exported])
  useEffect(() => setExported(null), [version])
  return (
    <div className="space-y-2">
      <Button disabled={Boolean(busy)} onClick={() => void run('export', () => client.invoke('plan.export', { id: planId })).then((r) => r && setExported(r))}>
        <FileText size={14} /> {busy === 'export' ? 'Exporting…' : 'Export the plan'}
      </Button>
      {exported && (
        <div data-testid="plan-exported" className="text-xs">
          <p className="text-muted">Written to <code className="font-mono break-all">{exported.dir}</code></p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {exported.documents.map((d) => (
              <li key={d.name}>
                <a href={urls[d.name]} download={d.name} className="inline-flex items-center gap-1 rounded-md border border-line px-2 py-1 font-mono hover:bg-raised">
                  <Download size={12} /> {d.name}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/** GitHub sync of the approved issues: where to, then what was created or updated, with links. */
function GithubBar({ detail }: { detail: PlanDetail }) {
  const client = useClient()
  const host = useHost()
  const run = usePlanning((s) => s.run)
  const busy = usePlanning((s) => s.busy)
  const [owner, setOwner] = useState('')
  const [repo, setRepo] = useState('')
  const [baseUrl, setBaseUrl] = useState('')
  const [synced, setSynced] = useState<Synced | null>(null)
  const approved = detail.plan.status === 'approved'
  const sync = () =>
    void run('sync', () => client.invoke('plan.syncGithub', { id: detail.plan.id, owner: owner.trim(), repo: repo.trim(), ...(baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {}) })).then(
      (r) => r && setSynced({ ...r, owner: owner.trim(), repo: repo.trim(), baseUrl: baseUrl.trim() })
    )
  const cls = `${controlClass} h-8 w-40 py-0`
  const why = !approved ? 'approve the plan first: its issues are what is synced' : !owner.trim() || !repo.trim() ? 'name the owner and the repository' : busy ? `wait for ${busy} to finish` : undefined
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <input aria-label="GitHub owner" placeholder="owner" className={cls} value={owner} onChange={(e) => setOwner(e.target.value)} />
        <span className="text-muted">/</span>
        <input aria-label="GitHub repository" placeholder="repository" className={cls} value={repo} onChange={(e) => setRepo(e.target.value)} />
        <input aria-label="GitHub API URL" placeholder="API URL (Enterprise only)" className={`${cls} w-56`} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        <Button disabled={Boolean(why)} disabledReason={why} onClick={sync}><CloudUpload size={14} /> {busy === 'sync' ? 'Syncing…' : 'Sync to GitHub'}</Button>
      </div>
      {synced && (
        <div data-testid="plan-synced" className="text-xs">
          <p>{synced.created} created, {synced.updated} updated on {synced.owner}/{synced.repo}.</p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {synced.issues.map((i) => {
              const url = synced.baseUrl ? null : `https://github.com/${synced.owner}/${synced.repo}/issues/${i.number}`
              return (
                <li key={i.itemKey} className="font-mono">
                  {url ? <a href={url} onClick={(e) => (e.preventDefault(), host.openExternal(url))} className="inline-flex items-center gap-1 text-accent hover:underline">{i.itemKey} #{i.number} <ExternalLink size={11} /></a> : `${i.itemKey} #${i.number}`}
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </div>
  )
}

/** The plan as a document: requirements traced to components and work items, the design's reasons, what is assumed and open, export and GitHub sync. */
export function DocumentPanel() {
  const detail = usePlanning((s) => s.detail)
  if (!detail?.current) return <div className="p-6 text-muted">No architecture yet: answer the questions (or keep the defaults) and generate it.</div>
  const { pack } = detail.current
  const a = pack.architecture
  return (
    <div data-testid="plan-document" className="h-full overflow-y-auto">
      <div className="mx-auto max-w-5xl space-y-6 px-6 py-5">
        <header className="space-y-3">
          <h2 className="text-base font-semibold">{pack.prd.title} <span className="text-xs font-normal text-muted">v{detail.current.version}</span></h2>
          <p className="text-[13px] leading-relaxed whitespace-pre-wrap">{pack.prd.summary}</p>
          <div className="flex flex-wrap gap-6 rounded-md border border-line p-3">
            <ExportBar planId={detail.plan.id} version={detail.current.version} />
            <GithubBar detail={detail} />
          </div>
        </header>
        <Requirements detail={detail} pack={pack} />
        <section aria-labelledby="doc-rationale">
          <h3 id="doc-rationale" className={h3}>Rationale</h3>
          <p data-testid="doc-rationale" className="text-[13px] leading-relaxed whitespace-pre-wrap">{a.rationale}</p>
        </section>
        <section aria-labelledby="doc-tradeoffs">
          <h3 id="doc-tradeoffs" className={h3}>Trade-offs</h3>
          {a.tradeoffs.length === 0 && <p className="text-xs text-muted">None recorded.</p>}
          <ul data-testid="doc-tradeoffs" className="space-y-2">
            {a.tradeoffs.map((t) => (
              <li key={t.decision} className="rounded-md border border-line p-2 text-[13px]">
                <div className="font-medium">{t.decision}</div>
                <div className="mt-1 grid grid-cols-2 gap-3 text-xs">
                  <div><span className="text-ok">For:</span> {t.pros.join('; ') || '—'}</div>
                  <div><span className="text-danger">Against:</span> {t.cons.join('; ') || '—'}</div>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="doc-stores">
          <h3 id="doc-stores" className={h3}>Data stores</h3>
          {a.data_stores.length === 0 ? <p className="text-xs text-muted">None.</p> : (
            <ul data-testid="doc-stores" className="space-y-1 text-[13px]">
              {a.data_stores.map((d) => <li key={d.id}><span className="font-medium">{d.name}</span> <span className="text-muted">({d.kind}), owned by {a.components.find((c) => c.id === d.owner_component)?.name ?? d.owner_component}</span></li>)}
            </ul>
          )}
        </section>
        <Bullets id="doc-assumptions" title="Assumptions" items={pack.assumptions} empty="None recorded." />
        <Bullets id="doc-open-questions" title="Open questions" items={pack.open_questions} empty="None open." />
      </div>
    </div>
  )
}
