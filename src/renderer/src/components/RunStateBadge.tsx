import type { RunState } from '../../../shared/domain'
import { runStateLabel, runStateStyle } from './run-style'

export function RunStateBadge({ state, className = '' }: { state: RunState; className?: string }) {
  return (
    <span data-testid="run-state" data-state={state} className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap ${runStateStyle[state]} ${className}`}>
      {runStateLabel[state]}
    </span>
  )
}
