import { AlertTriangle, FileDiff, Loader2, RefreshCw } from 'lucide-react'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import { useQuery } from '../use-query'
import { DiffView } from './DiffView'
import { FileList } from './FileList'
import { useReviewComments } from './use-review-comments'

/** The files the run changed and their diff, fetched again whenever the run moves. */
export function ChangesPane({ run }: { run: Run }) {
  const client = useClient()
  const load = () => Promise.all([client.invoke('run.changes', { id: run.id }), client.invoke('run.diff', { id: run.id })])
  const changes = useQuery(load, [client, run.id, run.updatedAt])
  const review = useReviewComments(run.id)

  if (!run.worktreePath) {
    return (
      <EmptyState icon={FileDiff} title="No changes yet">
        The run has no worktree yet; it is {run.state.replaceAll('_', ' ')}.
      </EmptyState>
    )
  }
  if (!changes.data) {
    if (changes.error) {
      return (
        <EmptyState icon={AlertTriangle} title="The changes could not be loaded" action={<Button onClick={changes.reload}>Try again</Button>}>
          {changes.error}
        </EmptyState>
      )
    }
    return (
      <div className="flex h-full items-center justify-center gap-2 text-muted">
        <Loader2 size={16} className="animate-spin" /> Reading the worktree…
      </div>
    )
  }
  const [files, { diff }] = changes.data
  if (files.length === 0) {
    return (
      <EmptyState icon={FileDiff} title="No changes yet" action={<Button onClick={changes.reload}><RefreshCw size={14} /> Check again</Button>}>
        The agent has not changed any file against {run.baseBranch ?? 'the base branch'}.
      </EmptyState>
    )
  }
  const jumpTo = (path: string) => document.getElementById(`diff-${path}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })
  const additions = files.reduce((n, f) => n + (f.additions ?? 0), 0)
  const deletions = files.reduce((n, f) => n + (f.deletions ?? 0), 0)
  return (
    <div className="flex h-full min-h-0">
      <aside className="flex w-72 shrink-0 flex-col border-r border-line bg-panel">
        <div className="flex h-9 items-center gap-2 border-b border-line px-3 text-xs text-muted">
          <span className="text-fg">{files.length} {files.length === 1 ? 'file' : 'files'}</span>
          <span className="font-mono tabular-nums"><span className="text-ok">+{additions}</span> <span className="text-danger">−{deletions}</span></span>
          <button type="button" aria-label="Refresh the changes" title={changes.error ?? 'Refresh'} onClick={changes.reload} className={`ml-auto rounded p-1 hover:bg-raised hover:text-fg ${changes.error ? 'text-danger' : ''}`}>
            <RefreshCw size={13} className={changes.loading ? 'animate-spin' : ''} />
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">
          <FileList files={files} onPick={jumpTo} />
        </div>
      </aside>
      <div className="min-w-0 flex-1 overflow-y-auto bg-bg">
        <DiffView diff={diff} review={review} />
      </div>
    </div>
  )
}
