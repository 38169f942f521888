import { ChevronLeft, ChevronRight, Grid2x2, Grid3x3, SquareTerminal } from 'lucide-react'
import { useEffect, useMemo } from 'react'
import { useApp } from '../../app/context'
import type { GridLayout } from '../../state/grid.slice'
import { liveRuns } from '../../state/run-board.selectors'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import { GridTile } from './GridTile'

const perPage: Record<GridLayout, number> = { '2x2': 4, '3x3': 9 }
const gridClass: Record<GridLayout, string> = { '2x2': 'grid-cols-2 grid-rows-2', '3x3': 'grid-cols-3 grid-rows-3' }

/**
 * Several live terminals at once. Only the tiles on screen mount a terminal; the other sessions keep
 * running and buffering in the core, and show their history when their page comes up.
 */
export function TerminalGrid() {
  const runs = useApp((s) => s.runs)
  const layout = useApp((s) => s.gridLayout)
  const page = useApp((s) => s.gridPage)
  const focusId = useApp((s) => s.gridFocusRunId)
  const setLayout = useApp((s) => s.setGridLayout)
  const setPage = useApp((s) => s.setGridPage)
  const focus = useApp((s) => s.focusGridRun)
  const showView = useApp((s) => s.showView)
  const live = useMemo(() => liveRuns(runs), [runs])
  const size = perPage[layout]
  const pages = Math.max(1, Math.ceil(live.length / size))
  const current = Math.min(page, pages - 1)
  const focused = focusId ? live.find((r) => r.id === focusId) : undefined
  const shown = focused ? [focused] : live.slice(current * size, current * size + size)

  useEffect(() => {
    if (!focused) return
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement) && focus(null)
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [focused, focus])

  if (live.length === 0) {
    return (
      <EmptyState icon={SquareTerminal} title="No live terminals" action={<Button onClick={() => showView('runs')}>Open the runs</Button>}>
        The grid shows every agent that is running right now, several at once. Start runs from the board; finished
        runs keep their terminal history in the run view.
      </EmptyState>
    )
  }
  return (
    <div data-testid="terminal-grid" className="flex h-full flex-col">
      <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-panel px-4 text-xs text-muted">
        <span className="text-fg">{live.length} live</span>
        <div role="radiogroup" aria-label="Layout" className="ml-2 flex rounded-md border border-line p-0.5">
          {(['2x2', '3x3'] as const).map((l) => (
            <button key={l} type="button" role="radio" aria-checked={layout === l && !focused} aria-label={`${l} layout`} onClick={() => (focus(null), setLayout(l))} className={`flex items-center gap-1 rounded px-2 py-0.5 ${layout === l && !focused ? 'bg-raised text-fg' : 'hover:text-fg'}`}>
              {l === '2x2' ? <Grid2x2 size={13} /> : <Grid3x3 size={13} />} {l}
            </button>
          ))}
        </div>
        {focused && <Button variant="ghost" className="h-7 text-xs" onClick={() => focus(null)}>Back to the grid (Esc)</Button>}
        {!focused && pages > 1 && (
          <div className="ml-auto flex items-center gap-1">
            <button type="button" aria-label="Previous page" disabled={current === 0} onClick={() => setPage(current - 1)} className="rounded p-1 hover:bg-raised hover:text-fg disabled:opacity-40"><ChevronLeft size={14} /></button>
            <span className="tabular-nums">{current * size + 1}–{Math.min(live.length, (current + 1) * size)} of {live.length}</span>
            <button type="button" aria-label="Next page" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} className="rounded p-1 hover:bg-raised hover:text-fg disabled:opacity-40"><ChevronRight size={14} /></button>
          </div>
        )}
      </div>
      <div className={`grid min-h-0 flex-1 gap-2 p-2 ${focused ? 'grid-cols-1 grid-rows-1' : gridClass[layout]}`}>
        {shown.map((run) => (
          <GridTile key={`${run.id}:${run.sessionId}`} run={run} focused={Boolean(focused)} onFocus={focus} />
        ))}
      </div>
    </div>
  )
}
