import { Play } from 'lucide-react'
import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useApp } from '../../app/context'
import { runColumns, selectRunColumns } from '../../state/run-board.selectors'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import { FilterBar } from './FilterBar'
import { LandingQueuePanel } from '../landing/LandingQueuePanel'
import { RunColumn } from './RunColumn'

/** Every run by state, from queued to merged or failed; a click opens the run. */
export function RunsBoard() {
  const runs = useApp((s) => s.runs)
  const issues = useApp((s) => s.issues)
  const filters = useApp(
    useShallow((s) => ({ repoFilter: s.repoFilter, textFilter: s.textFilter, agentFilter: s.agentFilter, labelFilter: s.labelFilter, priorityFilter: s.priorityFilter }))
  )
  const openRun = useApp((s) => s.openRun)
  const showView = useApp((s) => s.showView)
  const columns = useMemo(() => selectRunColumns(runs, issues, filters), [runs, issues, filters])
  const total = Object.keys(runs).length
  if (total === 0) {
    return (
      <EmptyState icon={Play} title="No runs yet" action={<Button variant="primary" onClick={() => showView('board')}>Open the board</Button>}>
        A run is one agent working on one issue in its own worktree. Pick an issue on the board and start a run from
        its panel, or press <kbd className="font-mono text-fg">s</kbd> with an issue selected.
      </EmptyState>
    )
  }
  const shown = runColumns.reduce((n, c) => n + columns[c].length, 0)
  return (
    <div className="flex h-full flex-col">
      <FilterBar shown={shown} total={total} noun="runs" />
      <LandingQueuePanel />
      <div data-testid="runs-board" className="flex min-h-0 flex-1 gap-3 overflow-x-auto p-4">
        {runColumns.map((c) => (
          <RunColumn key={c} column={c} runs={columns[c]} issues={issues} onOpen={openRun} />
        ))}
      </div>
    </div>
  )
}
