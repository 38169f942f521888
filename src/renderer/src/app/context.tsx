import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { Client } from '../../../shared/transport'
import type { AppState, AppStore } from '../state/app.store'

export interface AppContextValue {
  store: AppStore
  client: Client
}

export const AppContext = createContext<AppContextValue | null>(null)

function useAppContext(): AppContextValue {
  const value = useContext(AppContext)
  if (!value) throw new Error('AppContext is missing')
  return value
}

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppContext().store, selector)
}

export function useClient(): Client {
  return useAppContext().client
}

/** The store itself, for actions that read state at the moment they run rather than subscribe to it. */
export function useAppStore(): AppStore {
  return useAppContext().store
}
