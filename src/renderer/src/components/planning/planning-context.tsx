import { type ReactNode, createContext, useContext, useEffect, useState } from 'react'
import { useStore } from 'zustand'
import { useApp, useAppStore, useClient } from '../../app/context'
import { type PlanTab, type PlanningState, type PlanningStore, createPlanningStore } from '../../state/planning.slice'

const PlanningContext = createContext<PlanningStore | null>(null)

/** Creates the plans store for the view's lifetime and keeps it fed with plan events. */
export function PlanningProvider({ children }: { children: ReactNode }) {
  const client = useClient()
  const app = useAppStore()
  // The open plan and its tab are the route's (a URL that reloads to them); the store follows it.
  const [store] = useState(() => createPlanningStore(client, (id, tab) => app.getState().openPlan(id, tab)))
  const planId = useApp((s) => s.openPlanId)
  const planTab = useApp((s) => s.planTab) as PlanTab | null
  useEffect(() => {
    void store.getState().loadPlans()
    return client.subscribe((event) => store.getState().applyEvent(event))
  }, [client, store])
  useEffect(() => void store.getState().show(planId, planTab), [store, planId, planTab])
  return <PlanningContext.Provider value={store}>{children}</PlanningContext.Provider>
}

export function usePlanning<T>(selector: (state: PlanningState) => T): T {
  const store = useContext(PlanningContext)
  if (!store) throw new Error('PlanningProvider is missing')
  return useStore(store, selector)
}
