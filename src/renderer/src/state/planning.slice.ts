import { createStore } from 'zustand/vanilla'
import type { CommandInput } from '../../../shared/contract'
import type { EventEnvelope } from '../../../shared/contract'
import type { Plan, PlanDetail, WireframeEdit } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'

export type PlanTab = 'clarify' | 'architecture' | 'chat' | 'decomposition'

export interface PlanningState {
  plans: Plan[]
  selectedId: string | null
  detail: PlanDetail | null
  tab: PlanTab
  /** Which step is running ("generate", "chat"...), for spinners; null when idle. */
  busy: string | null
  error: string | null
  /** The assistant's reply as it streams in. */
  streaming: string
  loadPlans(): Promise<void>
  select(id: string | null): Promise<void>
  setTab(tab: PlanTab): void
  /** Runs a command for the selected plan, reloading its detail after; errors land in `error`. */
  run<T>(step: string, work: () => Promise<T>): Promise<T | undefined>
  create(input: CommandInput<'plan.create'>): Promise<void>
  edit(edits: WireframeEdit[]): Promise<void>
  applyEvent(event: EventEnvelope): void
}

/** The plans view's own store: plans, the open plan's detail, the streaming chat reply. */
export function createPlanningStore(client: Client) {
  return createStore<PlanningState>()((set, get) => ({
    plans: [],
    selectedId: null,
    detail: null,
    tab: 'clarify',
    busy: null,
    error: null,
    streaming: '',
    async loadPlans() {
      set({ plans: await client.invoke('plan.list', {}) })
    },
    async select(id) {
      set({ selectedId: id, detail: null, error: null, streaming: '' })
      if (!id) return
      const detail = await client.invoke('plan.get', { id })
      const tab: PlanTab = detail.plan.status === 'intake' || detail.plan.status === 'clarifying' ? 'clarify' : detail.plan.status === 'drafted' ? 'architecture' : 'decomposition'
      if (get().selectedId === id) set({ detail, tab })
    },
    setTab: (tab) => set({ tab }),
    async run(step, work) {
      set({ busy: step, error: null })
      try {
        return await work()
      } catch (error) {
        set({ error: error instanceof Error ? error.message : String(error) })
        return undefined
      } finally {
        const id = get().selectedId
        const detail = id ? await client.invoke('plan.get', { id }).catch(() => get().detail) : null
        set({ busy: null, detail, streaming: '' })
      }
    },
    async create(input) {
      const plan = await get().run('create', () => client.invoke('plan.create', input))
      if (!plan) return
      await get().loadPlans()
      await get().select(plan.id)
    },
    async edit(edits) {
      const detail = get().detail
      if (!detail) return
      await get().run('edit', () => client.invoke('plan.edit', { id: detail.plan.id, baseVersion: detail.plan.currentVersion, edits }))
    },
    applyEvent(event) {
      if (event.topic !== 'plan.updated') return
      const plan = (event.payload as { plan: Plan }).plan
      const others = get().plans.filter((p) => p.id !== plan.id)
      set({ plans: [plan, ...others].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)) })
    }
  }))
}

export type PlanningStore = ReturnType<typeof createPlanningStore>
