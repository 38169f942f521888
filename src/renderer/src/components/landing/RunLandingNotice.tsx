import { PlaneLanding } from 'lucide-react'
import type { Run } from '../../../../shared/domain'
import { ConflictPreview } from './ConflictPreview'
import { entryStatus } from './landing-text'
import { useLandingQueue } from './use-landing-queue'

/** Where the open run stands in the landing queue, and why; nothing when it is not in it. */
export function RunLandingNotice({ run }: { run: Run }) {
  const queue = useLandingQueue(run.repoId)
  const entry = queue.data?.entries.find((e) => e.runId === run.id)
  if (!entry) return null
  const blocked = entry.status === 'blocked'
  return (
    <div data-testid="run-landing" data-status={entry.status} className={`mx-5 mb-3 flex gap-2 rounded-md border px-3 py-2 text-xs ${blocked ? 'border-danger/30 bg-danger/8' : 'border-accent/30 bg-accent/8'}`}>
      <PlaneLanding size={14} className={`mt-px shrink-0 ${blocked ? 'text-danger' : 'text-accent'}`} />
      <div className="min-w-0 flex-1">
        <p className="font-medium">Landing: {entryStatus(entry)}</p>
        {entry.reason && <p className="text-muted">{entry.reason}</p>}
        {entry.conflictFiles.length > 0 ? (
          <ConflictPreview run={run} entry={entry} />
        ) : (
          blocked && <p className="mt-1 text-muted">Resolve it in {run.worktreePath ?? 'the worktree'} and press Land again, or remove it from the queue.</p>
        )}
      </div>
    </div>
  )
}
