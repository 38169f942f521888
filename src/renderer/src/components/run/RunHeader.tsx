import { ArrowLeft, Bot, GitBranch } from 'lucide-react'
import type { ReactNode } from 'react'
import { describeActivity, type Issue, type Run, type RunStartPoint } from '../../../../shared/domain'
import { useApp } from '../../app/context'
import { useNow } from '../../lib/use-now'
import { activityDot } from '../run-style'
import { RunStateBadge } from '../RunStateBadge'

/** Where the run's branch started when not at the base's tip; a fork links to the run it came from. */
function StartPoint({ start }: { start: RunStartPoint }) {
  const openRun = useApp((s) => s.openRun)
  return (
    <span data-testid="run-start-point" className="font-mono text-[11px] text-muted/70">
      {'branch' in start ? (
        <>started from {start.branch} at {start.commit.slice(0, 10)}</>
      ) : (
        <>
          forked from checkpoint {start.checkpoint} of{' '}
          <button type="button" onClick={() => openRun(start.runId)} className="hover:text-fg hover:underline" title={start.runId}>
            run {start.runId.slice(-8)}
          </button>
        </>
      )}
    </span>
  )
}

/** Who is doing what on which branch, and why the run is where it is. */
export function RunHeader({ run, issue, actions }: { run: Run; issue: Issue | undefined; actions: ReactNode }) {
  const showBoard = useApp((s) => s.showBoard)
  const now = useNow()
  return (
    <header className="border-b border-line bg-panel px-5 py-3">
      <div className="flex items-start gap-3">
        <button type="button" aria-label="Back to the board" onClick={showBoard} className="mt-0.5 rounded-md p-1.5 text-muted hover:bg-raised hover:text-fg">
          <ArrowLeft size={16} />
        </button>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-[15px] font-semibold leading-snug">{issue?.title ?? 'Unknown issue'}</h1>
          <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
            <RunStateBadge state={run.state} />
            <span className="flex items-center gap-1.5" data-testid="run-agent">
              <Bot size={13} />
              <span className="text-fg">{run.agentProfile}</span>
              <span className={`size-1.5 rounded-full ${activityDot[run.activity]}`} />
              <span data-testid="run-activity">{describeActivity(run, now)}</span>
              {run.exitCode !== null && <span>· code {run.exitCode}</span>}
            </span>
            <span className="flex min-w-0 items-center gap-1 font-mono text-[11px]">
              <GitBranch size={12} className="shrink-0" />
              <span className="truncate">{run.branch ?? 'no branch yet'}</span>
              {run.baseBranch && <span className="text-muted/70">→ {run.baseBranch}</span>}
            </span>
            {run.startPoint && <StartPoint start={run.startPoint} />}
            <span className="font-mono text-[11px] text-muted/70">run {run.id.slice(-8)} · attempt {run.attempt}</span>
          </div>
          {run.detail && (
            <p data-testid="run-detail" className="mt-1.5 text-xs text-fg/80">
              {run.detail}
            </p>
          )}
        </div>
        <div className="flex shrink-0 flex-wrap justify-end gap-2">{actions}</div>
      </div>
    </header>
  )
}
