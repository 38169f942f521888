import { ChevronRight, GitBranch } from 'lucide-react'
import { useMemo } from 'react'
import { useApp } from '../app/context'
import { selectIssueRuns } from '../state/run-selectors'
import { RunStateBadge } from './RunStateBadge'

/** The issue's runs, newest first; a click opens the run view. */
export function IssueRuns({ issueId }: { issueId: string }) {
  const allRuns = useApp((s) => s.runs)
  const openRun = useApp((s) => s.openRun)
  const runs = useMemo(() => selectIssueRuns(allRuns, issueId), [allRuns, issueId])
  if (runs.length === 0) return <p className="text-xs text-muted">No runs yet.</p>
  return (
    <ul className="divide-y divide-line overflow-hidden rounded-lg border border-line">
      {runs.map((run) => (
        <li key={run.id}>
          <button type="button" data-testid="issue-run" onClick={() => openRun(run.id)} className="flex w-full items-center gap-2 px-3 py-2 text-left text-[13px] hover:bg-raised/60">
            <RunStateBadge state={run.state} />
            <span className="font-medium">{run.agentProfile}</span>
            <span className="flex min-w-0 items-center gap-1 truncate font-mono text-[11px] text-muted">
              {run.branch && <GitBranch size={11} className="shrink-0" />}
              <span className="truncate">{run.branch ?? 'no branch yet'}</span>
            </span>
            <ChevronRight size={14} className="ml-auto shrink-0 text-muted" />
          </button>
        </li>
      ))}
    </ul>
  )
}
