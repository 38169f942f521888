import { X } from 'lucide-react'
import { issuePriorities, issueTransitions } from '../../../shared/domain'
import type { Issue, IssuePriority, IssueStatus } from '../../../shared/domain'
import { useApp, useClient } from '../app/context'
import { CriteriaEditor } from './issue/CriteriaEditor'
import { DependencyEditor } from './issue/DependencyEditor'
import { IssueBody } from './issue/IssueBody'
import { IssueTitle } from './issue/IssueTitle'
import { LabelEditor } from './issue/LabelEditor'
import { useIssueEdit } from './issue/use-issue-edit'
import { IssueRuns } from './IssueRuns'
import { StartRunForm } from './StartRunForm'
import { statusDot, statusLabel } from './status-style'
import { Button } from './ui/Button'
import { controlClass } from './ui/Field'
import { useSubmit } from './use-submit'

const actionLabel: Partial<Record<IssueStatus, string>> = {
  approved: 'Approve',
  planning: 'Back to planning',
  cancelled: 'Cancel issue',
  done: 'Mark done'
}

/** Details of the selected issue with the status moves the lifecycle allows from here. */
export function IssueDrawer() {
  const issue = useApp((s) => (s.selectedIssueId ? s.issues[s.selectedIssueId] : undefined))
  const repo = useApp((s) => s.repos.find((r) => r.id === issue?.repoId))
  const selectIssue = useApp((s) => s.selectIssue)
  if (!issue) return null
  return <IssueDetails key={issue.id} issue={issue} repoName={repo?.name} onClose={() => selectIssue(null)} />
}

function IssueDetails({ issue, repoName, onClose }: { issue: Issue; repoName: string | undefined; onClose(): void }) {
  const client = useClient()
  const { pending, submit, formError } = useSubmit()
  const edit = useIssueEdit(issue)
  const moves = issueTransitions[issue.status].filter((to) => actionLabel[to])

  return (
    <aside data-testid="issue-drawer" className="absolute inset-y-0 right-0 z-30 flex w-[420px] flex-col border-l border-line bg-panel shadow-2xl">
      <header className="flex items-start gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0 flex-1">
          <div className="mb-1 flex items-center gap-2 text-xs text-muted">
            <span className={`size-2 rounded-full ${statusDot[issue.status]}`} />
            {statusLabel[issue.status]} · {repoName ?? 'unknown repo'} · <span className="font-mono">{issue.id}</span>
          </div>
          <IssueTitle title={issue.title} onSave={(title) => edit.save({ title }, 'Title changed')} />
        </div>
        <button type="button" aria-label="Close" onClick={onClose} className="rounded p-1 text-muted hover:bg-raised hover:text-fg">
          <X size={16} />
        </button>
      </header>
      <div className="flex-1 space-y-5 overflow-y-auto px-5 py-4">
        <dl className="grid grid-cols-[110px_1fr] gap-y-1.5 text-[13px]">
          <dt className="pt-1 text-muted">Priority</dt>
          <dd>
            <select aria-label="Priority" className={`${controlClass} py-0.5`} value={issue.priority} disabled={edit.pending} onChange={(e) => void edit.save({ priority: e.target.value as IssuePriority }, `Priority set to ${e.target.value}`)}>
              {issuePriorities.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </dd>
          <dt className="text-muted">Type</dt><dd>{issue.type}</dd>
          <dt className="pt-0.5 text-muted">Labels</dt>
          <dd><LabelEditor labels={issue.labels} disabled={edit.pending} onChange={(labels) => void edit.save({ labels }, 'Labels changed')} /></dd>
          <dt className="pt-0.5 text-muted">Depends on</dt>
          <dd><DependencyEditor issue={issue} disabled={edit.pending} onChange={(dependsOn) => void edit.save({ dependsOn }, 'Dependencies changed')} /></dd>
        </dl>
        {edit.error && <p role="alert" data-testid="edit-error" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-xs text-danger">{edit.error.message}</p>}
        <IssueBody body={issue.body} pending={edit.pending} onSave={(body) => edit.save({ body }, 'Description saved')} />
        <CriteriaEditor criteria={issue.acceptanceCriteria} pending={edit.pending} onSave={(acceptanceCriteria) => edit.save({ acceptanceCriteria }, 'Criteria saved')} />
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
