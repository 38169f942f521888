import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'

export type GridLayout = '2x2' | '3x3'

export interface GridSlice {
  gridLayout: GridLayout
  gridPage: number
  /** A tile shown alone, full size; null shows the grid. */
  gridFocusRunId: string | null
  setGridLayout(layout: GridLayout): void
  setGridPage(page: number): void
  focusGridRun(runId: string | null): void
}

export const createGridSlice: StateCreator<AppState, [], [], GridSlice> = (set) => ({
  gridLayout: '2x2',
  gridPage: 0,
  gridFocusRunId: null,
  setGridLayout: (gridLayout) => set({ gridLayout, gridPage: 0 }),
  setGridPage: (gridPage) => set({ gridPage: Math.max(0, gridPage) }),
  focusGridRun: (gridFocusRunId) => set({ gridFocusRunId })
})
