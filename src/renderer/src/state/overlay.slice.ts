import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'

export type Overlay = 'palette' | 'shortcuts' | null

export interface OverlaySlice {
  /** The command palette or the shortcuts sheet, when one is open. */
  overlay: Overlay
  setOverlay(overlay: Overlay): void
}

export const createOverlaySlice: StateCreator<AppState, [], [], OverlaySlice> = (set) => ({
  overlay: null,
  setOverlay: (overlay) => set({ overlay })
})
