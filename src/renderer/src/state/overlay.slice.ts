import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'
import type { RunAction } from './run-actions'

export type Overlay = 'palette' | 'shortcuts' | null

/** An action asked for from the palette or a key, taken by the open run's action bar (which confirms it as a click does). */
export interface RequestedRunAction {
  runId: string
  action: Exclude<RunAction, 'cleanup'>
}

export interface OverlaySlice {
  /** The command palette or the shortcuts sheet, when one is open. */
  overlay: Overlay
  setOverlay(overlay: Overlay): void
  requestedRunAction: RequestedRunAction | null
  requestRunAction(request: RequestedRunAction | null): void
}

export const createOverlaySlice: StateCreator<AppState, [], [], OverlaySlice> = (set) => ({
  overlay: null,
  setOverlay: (overlay) => set({ overlay }),
  requestedRunAction: null,
  requestRunAction: (requestedRunAction) => set({ requestedRunAction })
})
