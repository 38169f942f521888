import { AlertTriangle, CircleAlert } from 'lucide-react'
import type { ActionError } from './use-run-action'

interface RunNoticesProps {
  error: ActionError | null
  onDismiss(): void
  mergeBlockers: string[] | undefined
  mergeCheckError: string | null
  /** What the last clean-up did, since it changes no run state. */
  cleanupNote: string | null
}

/** Refusals of the last action, and what stands in the way of a merge, under the header. */
export function RunNotices({ error, onDismiss, mergeBlockers, mergeCheckError, cleanupNote }: RunNoticesProps) {
  if (!error && !mergeBlockers?.length && !mergeCheckError && !cleanupNote) return null
  return (
    <div className="space-y-2 border-b border-line bg-panel px-5 pb-3">
      {error && (
        <div role="alert" data-testid="action-error" className="flex gap-2 rounded-md border border-danger/30 bg-danger/8 px-3 py-2 text-xs">
          <CircleAlert size={14} className="mt-px shrink-0 text-danger" />
          <div className="min-w-0 flex-1">
            <p>
              <span className="font-medium text-danger">{error.action} refused:</span> {error.message}
            </p>
            {error.files.length > 0 && (
              <ul className="mt-1 space-y-0.5 font-mono text-[11px] text-fg/80">
                {error.files.map((f) => <li key={f}>{f}</li>)}
              </ul>
            )}
          </div>
          <button type="button" className="self-start text-muted hover:text-fg" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
      {mergeBlockers && mergeBlockers.length > 0 && (
        <div data-testid="merge-blockers" className="flex gap-2 rounded-md border border-warn/30 bg-warn/8 px-3 py-2 text-xs">
          <AlertTriangle size={14} className="mt-px shrink-0 text-warn" />
          <div>
            <p className="font-medium text-warn">Landing is blocked</p>
            <ul className="mt-0.5 list-disc pl-4">
              {mergeBlockers.map((b) => <li key={b}>{b}</li>)}
            </ul>
          </div>
        </div>
      )}
      {mergeCheckError && <p className="text-xs text-muted">The merge check failed: {mergeCheckError}</p>}
      {cleanupNote && <p className="text-xs text-muted">{cleanupNote}</p>}
    </div>
  )
}
