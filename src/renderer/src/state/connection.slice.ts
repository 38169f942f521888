import type { StateCreator } from 'zustand/vanilla'
import type { ConnectionState } from '../transport/connect'
import type { AppState } from './app-state'

export interface ConnectionSlice {
  connection: ConnectionState
  setConnection(state: ConnectionState): void
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection })
})
