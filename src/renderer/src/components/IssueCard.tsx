import { type DragEvent, memo } from 'react'
import type { Issue, RunState } from '../../../shared/domain'
import { labelText } from './issue/labels'
import { RunStateBadge } from './RunStateBadge'
import { priorityStyle } from './status-style'

interface IssueCardProps {
  issue: Issue
  /** The state of the issue's newest run, if it has one. */
  runState?: RunState | undefined
  selected: boolean
  onSelect(id: string): void
  /** Starts dragging the card to another column. */
  onDragStart?(event: DragEvent<HTMLButtonElement>): void
}

export const IssueCard = memo(function IssueCard({ issue, runState, selected, onSelect, onDragStart }: IssueCardProps) {
  return (
    <button
      type="button"
      data-testid="issue-card"
      onClick={() => onSelect(issue.id)}
      draggable={Boolean(onDragStart)}
      onDragStart={onDragStart}
      className={`w-full rounded-lg border bg-panel p-3 text-left shadow-sm transition hover:border-accent/60 ${selected ? 'border-accent ring-1 ring-accent' : 'border-line'}`}
    >
      <div className="line-clamp-2 text-[13px] font-medium leading-snug">{issue.title}</div>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-[11px]">
        <span className={`rounded px-1.5 py-0.5 font-medium ${priorityStyle[issue.priority]}`}>{issue.priority}</span>
        <span className="rounded bg-raised px-1.5 py-0.5 text-muted">{issue.type}</span>
        {issue.labels.slice(0, 3).map((label) => (
          <span key={label} title={label} className="rounded border border-line px-1.5 py-0.5 text-muted">
            {labelText(label)}
          </span>
        ))}
        <span className="ml-auto flex items-center gap-1.5">
          {runState && <RunStateBadge state={runState} className="text-[10px]" />}
          <span className="font-mono text-[10px] text-muted">{issue.id.slice(-6)}</span>
        </span>
      </div>
    </button>
  )
})
