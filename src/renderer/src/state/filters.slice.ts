import type { StateCreator } from 'zustand/vanilla'
import type { IssuePriority } from '../../../shared/domain'
import type { AppState } from './app-state'

/** Board filters beyond the top bar's repository and text: they apply to the issue and the run boards alike. */
export interface FiltersSlice {
  agentFilter: string | null
  labelFilter: string | null
  priorityFilter: IssuePriority | null
  setAgentFilter(agent: string | null): void
  setLabelFilter(label: string | null): void
  setPriorityFilter(priority: IssuePriority | null): void
  clearFilters(): void
}

export const createFiltersSlice: StateCreator<AppState, [], [], FiltersSlice> = (set) => ({
  agentFilter: null,
  labelFilter: null,
  priorityFilter: null,
  setAgentFilter: (agentFilter) => set({ agentFilter }),
  setLabelFilter: (labelFilter) => set({ labelFilter }),
  setPriorityFilter: (priorityFilter) => set({ priorityFilter }),
  clearFilters: () => set({ agentFilter: null, labelFilter: null, priorityFilter: null, repoFilter: null, textFilter: '' })
})
