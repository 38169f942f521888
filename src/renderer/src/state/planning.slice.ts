import { createStore } from 'zustand/vanilla'
import type { CommandInput } from '../../../shared/contract'
import type { EventEnvelope } from '../../../shared/contract'
import type { Plan, PlanDetail, WireframeEdit } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'

export type PlanTab = 'clarify' | 'architecture' | 'document' | 'chat' | 'decomposition'

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
  /** Asks to open a plan (null: a new one's intake) or one of its tabs; the route then calls `show`. */
  select(id: string | null): void
  setTab(tab: PlanTab): void
  /** What the route says is open: loads the plan when it changed; a null tab is the one its status calls for. */
  show(id: string | null, tab: PlanTab | null): Promise<void>
  /** Runs a command for the selected plan, reloading its detail after; errors land in `error`. */
  run<T>(step: string, work: () => Promise<T>): Promise<T | undefined>
  create(input: CommandInput<'plan.create'>): Promise<void>
  edit(edits: WireframeEdit[]): Promise<void>
  applyEvent(event: EventEnvelope): void
}

const defaultTab = (plan: Plan): PlanTab => (plan.status === 'intake' || plan.status === 'clarifying' ? 'clarify' : plan.status === 'drafted' ? 'architecture' : 'decomposition')

/** Where a plan is opened: the app's route (its URL), or without one (tests) the store itself. */
export type OpenPlan = (id: string | null, tab: PlanTab | null) => void

/** The plans view's own store: plans, the open plan's detail, the streaming chat reply. */
export function createPlanningStore(client: Client, open?: OpenPlan) {
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
    select(id) {
      if (open) open(id, null)
      else void get().show(id, null)
    },
    setTab(tab) {
      if (open) open(get().selectedId, tab)
      else set({ tab })
    },
    async show(id, tab) {
      const loaded = get().detail
      if (id && id === get().selectedId && loaded?.plan.id === id) return set({ tab: tab ?? defaultTab(loaded.plan) })
      set({ selectedId: id, detail: null, error: null, streaming: '' })
      if (!id) return
      try {
        const detail = await client.invoke('plan.get', { id })
        if (get().selectedId === id) set({ detail, tab: tab ?? defaultTab(detail.plan) })
      } catch (error) {
        if (get().selectedId === id) set({ error: error instanceof Error ? error.message : String(error) })
      }
    },
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
      get().select(plan.id)
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
