import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'

export type MainViewName = 'board' | 'run'

export interface ViewSlice {
  view: MainViewName
  /** The run shown in the run view. */
  openRunId: string | null
  openRun(runId: string): void
  showBoard(): void
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set) => ({
  view: 'board',
  openRunId: null,
  openRun: (openRunId) => set({ view: 'run', openRunId }),
  showBoard: () => set({ view: 'board' })
})
