import type { StateCreator } from 'zustand/vanilla'
import { type AppRoute, type RouteFilters, routeToPath } from '../../../shared/routes'
import type { AppState } from './app-state'

/**
 * The id of a main view: 'run' (one run) or any view registered in components/nav/views.tsx
 * ('board', 'runs', 'grid', 'settings', ...).
 */
export type MainViewName = string

/** How the store asks the router to go somewhere (push a history entry, or replace the current one). */
export type Navigate = (path: string, options?: { replace?: boolean }) => void

/**
 * Where the user is. The router (routing/AppRouter.tsx) is the one source: `view`, `openRunId`, `runTab`, the
 * board's `selectedIssueId`, the inbox's `openThreadId`, the open plan and the settings section are only written by `applyRoute`, which the router calls on every location change; the actions below ask
 * the router to navigate. Without a router (Node tests) the actions apply the route directly.
 */
export interface ViewSlice {
  view: MainViewName
  /** The run shown in the run view. */
  openRunId: string | null
  /** The run view's tab; null is the terminal. */
  runTab: string | null
  /** The plan open in the plans view (null: the intake of a new one) and its tab (null: the one its status calls for). */
  openPlanId: string | null
  planTab: string | null
  /** The settings section in view. */
  settingsSection: string | null
  navigate: Navigate | null
  setNavigate(navigate: Navigate | null): void
  applyRoute(route: AppRoute): void
  /** Goes to a route made of the current one and `route` (replacing the history entry when asked). */
  goTo(route: Partial<AppRoute>, replace?: boolean): void
  openRun(runId: string, tab?: string | null): void
  openRunTab(tab: string): void
  openPlan(planId: string | null, tab?: string | null): void
  openSettings(section: string | null): void
  showBoard(): void
  showView(view: MainViewName): void
}

export function filtersOf(s: AppState): RouteFilters {
  return { repo: s.repoFilter, text: s.textFilter, agent: s.agentFilter, label: s.labelFilter, priority: s.priorityFilter }
}

/** The route the store is at now (its view and its filters). */
export function currentRoute(s: AppState): AppRoute {
  return {
    view: s.view,
    runId: s.openRunId,
    runTab: s.runTab,
    filters: filtersOf(s),
    issueId: s.view === 'board' ? s.selectedIssueId : null,
    threadId: s.view === 'inbox' ? s.openThreadId : null,
    planId: s.view === 'plans' ? s.openPlanId : null,
    planTab: s.view === 'plans' && s.openPlanId ? s.planTab : null,
    section: s.view === 'settings' ? s.settingsSection : null
  }
}

export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => {
  const go = (route: Partial<AppRoute>, replace = false) => {
    const next = { ...currentRoute(get()), ...route }
    const navigate = get().navigate
    if (navigate) navigate(routeToPath(next), replace ? { replace } : undefined)
    else get().applyRoute(next)
  }
  // Leaving a view closes what was open in it (the board's drawer, the inbox's thread, a plan, a section).
  const away = { issueId: null, threadId: null, planId: null, planTab: null, section: null }
  return {
    view: 'board',
    openRunId: null,
    runTab: null,
    openPlanId: null,
    planTab: null,
    settingsSection: null,
    navigate: null,
    setNavigate: (navigate) => set({ navigate }),
    applyRoute: (r) =>
      set({
        view: r.view,
        openRunId: r.runId,
        runTab: r.runTab,
        repoFilter: r.filters.repo,
        textFilter: r.filters.text,
        agentFilter: r.filters.agent,
        labelFilter: r.filters.label,
        priorityFilter: r.filters.priority as AppState['priorityFilter'],
        selectedIssueId: r.issueId,
        openThreadId: r.threadId,
        openPlanId: r.planId,
        planTab: r.planTab,
        settingsSection: r.section
      }),
    goTo: go,
    openRun: (runId, tab = null) => go({ view: 'run', runId, runTab: tab, ...away }),
    openRunTab: (tab) => go({ runTab: tab === 'terminal' ? null : tab }),
    openPlan: (planId, tab = null) => go({ view: 'plans', runId: null, runTab: null, ...away, planId, planTab: planId ? tab : null }),
    // A section is a place to be, not a step: scrolling between sections replaces the entry.
    openSettings: (section) => go({ view: 'settings', runId: null, runTab: null, ...away, section }, get().view === 'settings'),
    showBoard: () => go({ view: 'board', runId: null, runTab: null, ...away }),
    showView: (view) => go({ view, runId: null, runTab: null, ...(view === get().view ? {} : away) })
  }
}
