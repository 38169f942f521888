import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { Issue, IssueStatus, Run } from '../../../shared/domain'
import { useApp } from '../app/context'
import { IssueCard } from './IssueCard'
import { ISSUE_DRAG_TYPE } from './runs-board/issue-drag'
import { statusDot, statusLabel } from './status-style'

interface BoardColumnProps {
  status: IssueStatus
  issues: Issue[]
  latestRuns: Map<string, Run>
  /** While a card is dragged: whether this column takes it. */
  drop: 'allowed' | 'refused' | 'self' | null
  onDragFrom(status: IssueStatus): void
  onDrop(issueId: string, to: IssueStatus): void
}

const dropStyle = { allowed: 'ring-2 ring-accent/60 bg-accent/6', refused: 'opacity-50', self: '', none: '' } as const

/** One status column; only the cards in view are in the DOM, so thousands of issues stay smooth. */
export function BoardColumn({ status, issues, latestRuns, drop, onDragFrom, onDrop }: BoardColumnProps) {
  const selectedId = useApp((s) => s.selectedIssueId)
  const selectIssue = useApp((s) => s.selectIssue)
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: issues.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 84,
    overscan: 8,
    gap: 8
  })
  return (
    <section
      data-testid={`column-${status}`}
      data-drop={drop ?? undefined}
      className={`flex w-72 shrink-0 flex-col rounded-xl bg-raised/60 ${dropStyle[drop ?? 'none']}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(ISSUE_DRAG_TYPE)) return
        // Refused columns take the drop too (a 'none' effect would cancel it), so the board can say why.
        e.preventDefault()
        e.dataTransfer.dropEffect = 'move'
      }}
      onDrop={(e) => {
        const id = e.dataTransfer.getData(ISSUE_DRAG_TYPE)
        if (!id) return
        e.preventDefault()
        onDrop(id, status)
      }}
    >
      <header className="flex items-center gap-2 px-3 py-2.5">
        <span className={`size-2 rounded-full ${statusDot[status]}`} />
        <h3 className="text-xs font-semibold tracking-wide uppercase">{statusLabel[status]}</h3>
        <span data-testid="column-count" className="ml-auto rounded-full bg-panel px-2 text-[11px] text-muted tabular-nums">
          {issues.length}
        </span>
      </header>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {issues.length === 0 ? (
          <p className="px-2 py-6 text-center text-xs text-muted">{drop === 'allowed' ? 'Drop here' : 'Nothing here'}</p>
        ) : (
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const issue = issues[row.index]
              if (!issue) return null
              return (
                <div
                  key={issue.id}
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  className="absolute inset-x-0"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <IssueCard
                    issue={issue}
                    runState={latestRuns.get(issue.id)?.state}
                    selected={issue.id === selectedId}
                    onSelect={selectIssue}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(ISSUE_DRAG_TYPE, issue.id)
                      e.dataTransfer.effectAllowed = 'move'
                      onDragFrom(issue.status)
                    }}
                  />
                </div>
              )
            })}
          </div>
        )}
      </div>
    </section>
  )
}
