import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './app-state'
import { type FiltersSlice, createFiltersSlice } from './filters.slice'
import { type GridSlice, createGridSlice } from './grid.slice'
import { type OverlaySlice, createOverlaySlice } from './overlay.slice'
import { type SettingsSlice, createSettingsSlice } from './settings.slice'

/** The command center's slices (filters, grid, settings, overlays), added to the store as one. */
export type CommandCenterSlices = FiltersSlice & GridSlice & SettingsSlice & OverlaySlice

export const createCommandCenterSlices: StateCreator<AppState, [], [], CommandCenterSlices> = (...a) => ({
  ...createFiltersSlice(...a),
  ...createGridSlice(...a),
  ...createSettingsSlice(...a),
  ...createOverlaySlice(...a)
})
