import '@xterm/xterm/css/xterm.css'
import { Maximize2, Minimize2, SquareArrowOutUpRight } from 'lucide-react'
import { describeActivity, type Run } from '../../../../shared/domain'
import { useApp } from '../../app/context'
import { useTermView } from '../../terminal/use-term-view'
import { activityDot } from '../run-style'
import { RunStateBadge } from '../RunStateBadge'

interface GridTileProps {
  run: Run
  focused: boolean
  onFocus(runId: string | null): void
}

/** One live terminal of the grid; its TermView exists only while the tile is on screen. */
export function GridTile({ run, focused, onFocus }: GridTileProps) {
  const title = useApp((s) => s.issues[run.issueId]?.title ?? 'Unknown issue')
  const openRun = useApp((s) => s.openRun)
  const { container, status } = useTermView(run.id, run.sessionId)

  const attention = run.state === 'waiting' || run.activity === 'needs_input'
  return (
    <section
      data-testid="grid-tile"
      data-run={run.id}
      data-status={status.kind}
      className={`flex min-h-0 min-w-0 flex-col overflow-hidden rounded-lg border bg-panel ${attention ? 'border-warn ring-1 ring-warn/50' : 'border-line'}`}
    >
      <header className="flex h-8 shrink-0 items-center gap-2 border-b border-line px-2.5 text-xs" onDoubleClick={() => onFocus(focused ? null : run.id)}>
        <span className={`size-1.5 shrink-0 rounded-full ${activityDot[run.activity]}`} title={describeActivity(run)} />
        <span className="min-w-0 flex-1 truncate font-medium">{title}</span>
        <span className="text-[11px] text-muted">{run.agentProfile}</span>
        <RunStateBadge state={run.state} className="text-[10px]" />
        <button type="button" aria-label={focused ? 'Back to the grid' : 'Focus this terminal'} title={focused ? 'Back to the grid (Esc)' : 'Focus'} onClick={() => onFocus(focused ? null : run.id)} className="rounded p-1 text-muted hover:bg-raised hover:text-fg">
          {focused ? <Minimize2 size={13} /> : <Maximize2 size={13} />}
        </button>
        <button type="button" aria-label="Open the run" title="Open the run" onClick={() => openRun(run.id)} className="rounded p-1 text-muted hover:bg-raised hover:text-fg">
          <SquareArrowOutUpRight size={13} />
        </button>
      </header>
      <div className="relative min-h-0 flex-1 p-1.5">
        <div ref={container} data-testid="terminal" className="h-full w-full" />
        {status.kind === 'error' && <p className="absolute inset-x-2 bottom-2 text-xs text-danger">{status.message}</p>}
      </div>
    </section>
  )
}
