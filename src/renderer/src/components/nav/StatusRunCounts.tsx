import { Cpu } from 'lucide-react'
import { useShallow } from 'zustand/react/shallow'
import type { Run } from '../../../../shared/domain'
import { useApp } from '../../app/context'

type Counts = { running: number; waiting: number; failed: number }
// Selectors run on every store change (each keystroke in a filter): counted once per runs map, not per change.
const counted = new WeakMap<Record<string, Run>, Counts>()

function countRuns(runs: Record<string, Run>): Counts {
  const known = counted.get(runs)
  if (known) return known
  let running = 0
  let waiting = 0
  let failed = 0
  for (const run of Object.values(runs)) {
    if (run.state === 'running' || run.state === 'preparing' || run.state === 'validating') running++
    else if (run.state === 'waiting') waiting++
    else if (run.state === 'failed' || run.state === 'lost') failed++
  }
  const counts = { running, waiting, failed }
  counted.set(runs, counts)
  return counts
}

/** Running, waiting and failed runs in the status bar; a click opens the run board. */
export function StatusRunCounts() {
  const counts = useApp(useShallow((s) => countRuns(s.runs)))
  const showView = useApp((s) => s.showView)
  const model = useApp((s) => s.settings?.model.name)
  const item = 'flex items-center gap-1.5 rounded px-1 hover:bg-raised hover:text-fg'
  return (
    <>
      <button type="button" data-testid="count-running" className={item} onClick={() => showView('runs')}>
        <span className="size-1.5 rounded-full bg-warn" /> {counts.running} running
      </button>
      <button type="button" data-testid="count-waiting" className={`${item} ${counts.waiting ? 'text-warn' : ''}`} onClick={() => showView('runs')}>
        <span className="size-1.5 rounded-full bg-warn" /> {counts.waiting} waiting
      </button>
      <button type="button" data-testid="count-failed" className={`${item} ${counts.failed ? 'text-danger' : ''}`} onClick={() => showView('runs')}>
        <span className="size-1.5 rounded-full bg-danger" /> {counts.failed} failed
      </button>
      {model && (
        <span className="ml-auto flex items-center gap-1.5" title="The built-in planning and review model">
          <Cpu size={12} /> {model}
        </span>
      )}
    </>
  )
}
