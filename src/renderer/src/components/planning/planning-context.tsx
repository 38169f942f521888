import { type ReactNode, createContext, useContext, useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { useClient } from '../../app/context'
import { type PlanningState, type PlanningStore, createPlanningStore } from '../../state/planning.slice'

const PlanningContext = createContext<PlanningStore | null>(null)

/** Creates the plans store for the view's lifetime and keeps it fed with plan events. */
export function PlanningProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const [store] = useState(() => createPlanningStore(client))
  useEffect(() => {
    void store.getState().loadPlans()
    return client.subscribe((event) => store.getState().applyEvent(event))
  }, [client, store])
  return <PlanningContext.Provider value={store}>{children}</PlanningContext.Provider>
}

export function usePlanning<T>(selector: (state: PlanningState) => T): T {
  const store = useContext(PlanningContext)
  if (!store) throw new Error('PlanningProvider is missing')
  return useStore(store, selector)
}
