import type { StateCreator } from 'zustand/vanilla'
import type { Run } from '../../../shared/domain'
import type { AppState } from './app-state'

export interface RunsSlice {
  runs: Record<string, Run>
  /** Replaces the runs with a fetched snapshot, keeping any copy an event made newer meanwhile. */
  setRuns(list: Run[]): void
  /** Folds one run from a `run.created` or `run.updated` event. */
  applyRun(run: Run): void
}

/** Keeps whichever copy of a run is newer, so a slow snapshot cannot undo an event that arrived first. */
export function upsertRun(runs: Record<string, Run>, run: Run): Record<string, Run> {
  const current = runs[run.id]
  if (current && current.updatedAt > run.updatedAt) return runs
  return { ...runs, [run.id]: run }
}

export const createRunsSlice: StateCreator<AppState, [], [], RunsSlice> = (set, get) => ({
  runs: {},
  setRuns(list) {
    const previous = get().runs
    const next: Record<string, Run> = {}
    for (const run of list) {
      const current = previous[run.id]
      next[run.id] = current && current.updatedAt > run.updatedAt ? current : run
    }
    set({ runs: next })
  },
  applyRun: (run) => set({ runs: upsertRun(get().runs, run) })
})
