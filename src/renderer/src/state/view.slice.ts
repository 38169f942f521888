import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'

/**
 * The id of a main view: 'run' (one run) or any view registered in components/nav/views.tsx
 * ('board', 'runs', 'grid', 'settings', ...).
 */
export type MainViewName = string

export interface ViewSlice {
  view: MainViewName
  /** The run shown in the run view. */
  openRunId: string | null
  openRun(runId: string): void
  showBoard(): void
  showView(view: MainViewName): void
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  view: 'board',
  openRunId: null,
  openRun: (openRunId) => set({ view: 'run', openRunId }),
  showBoard: () => set({ view: 'board' }),
  showView: (view) => set({ view })
})
