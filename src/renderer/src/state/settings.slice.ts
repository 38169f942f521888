import type { StateCreator } from 'zustand/vanilla'
import type { SecretStatus } from '../../../shared/contract'
import type { Settings } from '../../../shared/domain'
import type { AppState } from './app-state'

export interface SettingsSlice {
  /** The user's settings once fetched (the theme, the model shown in the status bar). */
  settings: Settings | null
  setSettings(settings: Settings): void
  /** Which secrets are set and where the store keeps them (never a value); refetched on `secret.changed`. */
  secrets: SecretStatus | null
  setSecrets(secrets: SecretStatus): void
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set) => ({
  settings: null,
  setSettings: (settings) => set({ settings }),
  secrets: null,
  setSecrets: (secrets) => set({ secrets })
})
