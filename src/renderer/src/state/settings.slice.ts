import type { StateCreator } from 'zustand/vanilla'
import type { Settings } from '../../../shared/domain'
import type { AppState } from './app-state'

export interface SettingsSlice {
  /** The user's settings once fetched (the theme, the model shown in the status bar). */
  settings: Settings | null
  setSettings(settings: Settings): void
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings })
})
