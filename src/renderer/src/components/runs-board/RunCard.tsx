import { Bot, GitBranch } from 'lucide-react'
import { memo } from 'react'
import { describeActivity, type Run } from '../../../../shared/domain'
import { activityDot } from '../run-style'
import { RunStateBadge } from '../RunStateBadge'

interface RunCardProps {
  run: Run
  title: string
  onOpen(id: string): void
}

/** A run on the run board: its issue, agent and what the agent is doing; a click opens the run. */
export const RunCard = memo(function RunCard({ run, title, onOpen }: RunCardProps) {
  return (
    <button
      type="button"
      data-testid="run-card"
      data-run={run.id}
      onClick={() => onOpen(run.id)}
      className="w-full rounded-lg border border-line bg-panel p-2.5 text-left shadow-sm transition-colors hover:border-accent/60"
    >
      <div className="line-clamp-2 text-[13px] leading-snug font-medium">{title}</div>
      <div className="mt-1.5 flex items-center gap-1.5 text-[11px] text-muted">
        <Bot size={12} className="shrink-0" />
        <span className="text-fg/80">{run.agentProfile}</span>
        <span className={`size-1.5 shrink-0 rounded-full ${activityDot[run.activity]}`} title={describeActivity(run)} />
        {run.state === 'preparing' && <RunStateBadge state={run.state} className="text-[10px]" />}
        <span className="ml-auto font-mono text-[10px] text-muted/80">{run.id.slice(-6)}</span>
      </div>
      {(run.branch || run.detail) && (
        <div className="mt-1 flex min-w-0 items-center gap-1 font-mono text-[10px] text-muted">
          {run.detail ? <span className="truncate font-sans text-[11px] text-fg/70">{run.detail}</span> : <><GitBranch size={11} className="shrink-0" /><span className="truncate">{run.branch}</span></>}
        </div>
      )}
    </button>
  )
})
