import { X } from 'lucide-react'
import { issueTransitions } from '../../../shared/domain'
import type { IssueStatus } from '../../../shared/domain'
import { useApp, useClient } from '../app/context'
import { IssueRuns } from './IssueRuns'
import { StartRunForm } from './StartRunForm'
import { statusDot, statusLabel } from './status-style'
import { Button } from './ui/Button'
import { useSubmit } from './use-submit'

const actionLabel: Partial<Record<IssueStatus, string>> = {
  approved: 'Approve',
  planning: 'Back to planning',
  cancelled: 'Cancel issue',
  done: 'Mark done'
}

/** Details of the selected issue with the status moves the lifecycle allows from here. */
export function IssueDrawer() {
  const client = useClient()
  const issue = useApp((s) => (s.selectedIssueId ? s.issues[s.selectedIssueId] : undefined))
  const repo = useApp((s) => s.repos.find((r) => r.id === issue?.repoId))
  const selectIssue = useApp((s) => s.selectIssue)
  const { pending, submit, formError } = useSubmit()
  if (!issue) return null
  const moves = issueTransitions[issue.status].filter((to) => actionLabel[to])

  return (
    <aside data-testid="issue-drawer" className="absolute inset-y-0 right-0 z-30 flex w-[420px] flex-col border-l border-line bg-panel shadow-2xl">
      <header className="flex items-start gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0 flex-1">
          <div className="mb-1 flex items-center gap-2 text-xs text-muted">
            <span className={`size-2 rounded-full ${statusDot[issue.status]}`} />
            {statusLabel[issue.status]} · {repo?.name ?? 'unknown repo'} · <span className="font-mono">{issue.id}</span>
          </div>
          <h2 className="text-[15px] font-semibold leading-snug">{issue.title}</h2>
        </div>
        <button type="button" aria-label="Close" onClick={() => selectIssue(null)} className="rounded p-1 text-muted hover:bg-raised hover:text-fg">
          <X size={16} />
        </button>
      </header>
      <div className="flex-1 space-y-5 overflow-y-auto px-5 py-4">
        <dl className="grid grid-cols-[110px_1fr] gap-y-1.5 text-[13px]">
          <dt className="text-muted">Priority</dt><dd>{issue.priority}</dd>
          <dt className="text-muted">Type</dt><dd>{issue.type}</dd>
          <dt className="text-muted">Labels</dt><dd>{issue.labels.join(', ') || '—'}</dd>
          <dt className="text-muted">Depends on</dt><dd className="font-mono text-xs">{issue.dependsOn.join(', ') || '—'}</dd>
        </dl>
        {issue.body && <p className="whitespace-pre-wrap text-[13px] leading-relaxed">{issue.body}</p>}
        {issue.acceptanceCriteria.length > 0 && (
          <section>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">Acceptance criteria</h3>
            <ul className="list-disc space-y-1 pl-5 text-[13px]">
              {issue.acceptanceCriteria.map((c) => <li key={c}>{c}</li>)}
            </ul>
          </section>
        )}
        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">Runs</h3>
          <IssueRuns issueId={issue.id} />
        </section>
        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-muted">Start a run</h3>
          {issue.status === 'done' || issue.status === 'cancelled' ? (
            <p className="text-xs text-muted">The issue is {statusLabel[issue.status].toLowerCase()}: runs start only on open issues.</p>
          ) : (
            <StartRunForm key={issue.id} issue={issue} />
          )}
        </section>
      </div>
      <footer className="flex flex-wrap gap-2 border-t border-line px-5 py-3">
        {moves.map((to) => (
          <Button key={to} variant={to === 'cancelled' ? 'ghost' : 'subtle'} disabled={pending} onClick={() => submit(() => client.invoke('issue.transition', { id: issue.id, to }))}>
            {actionLabel[to]}
          </Button>
        ))}
        {formError && <p className="w-full text-xs text-danger">{formError}</p>}
      </footer>
    </aside>
  )
}
