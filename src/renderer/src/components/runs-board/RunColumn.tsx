import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import type { Issue, Run } from '../../../../shared/domain'
import { runStateLabel, runStateStyle } from '../run-style'
import { RunCard } from './RunCard'
import type { RunColumn as Column } from '../../state/run-board.selectors'

interface RunColumnProps {
  column: Column
  runs: Run[]
  issues: Record<string, Issue>
  onOpen(id: string): void
}

/** One run state's column, virtualized like the issue board's. */
export function RunColumn({ column, runs, issues, onOpen }: RunColumnProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: runs.length, getScrollElement: () => scrollRef.current, estimateSize: () => 76, overscan: 8, gap: 8 })
  return (
    <section data-testid={`run-column-${column}`} className="flex w-60 shrink-0 flex-col rounded-xl bg-raised/60">
      <header className="flex items-center gap-2 px-3 py-2.5">
        <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${runStateStyle[column]}`}>{runStateLabel[column]}</span>
        <span data-testid="column-count" className="ml-auto rounded-full bg-panel px-2 text-[11px] text-muted tabular-nums">{runs.length}</span>
      </header>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
        {runs.length === 0 ? (
          <p className="px-2 py-6 text-center text-xs text-muted/70">Nothing here</p>
        ) : (
          <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const run = runs[row.index]
              if (!run) return null
              return (
                <div key={run.id} data-index={row.index} ref={virtualizer.measureElement} className="absolute inset-x-0" style={{ transform: `translateY(${row.start}px)` }}>
                  <RunCard run={run} title={issues[run.issueId]?.title ?? 'Unknown issue'} onOpen={onOpen} />
                </div>
              )
            })}
          </div>
        )}
      </div>
    </section>
  )
}
