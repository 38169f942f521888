/**
 * The app's URLs: one route per place a user can be (a main view, a run and its tab, a plan and its tab, a
 * section of the settings) with the board filters in the query string, and the issue open in the board's drawer
 * (`issue=`) or the thread open in the inbox (`thread=`). Pure, so the renderer's router, the Electron deep-link
 * handler and tests share one mapping. Paths look like `/runs?repo=R1&q=login`, `/run/<runId>/changes`,
 * `/board?issue=I1`, `/inbox?thread=T1`, `/plans/<planId>/architecture`, `/settings/agents`.
 */
export interface RouteFilters {
  repo: string | null
  text: string
  agent: string | null
  label: string | null
  priority: string | null
}

export interface AppRoute {
  /** A main view id ('board', 'runs', 'grid', ...) or 'run'. */
  view: string
  runId: string | null
  /** The run view's tab; null means the default (terminal). */
  runTab: string | null
  filters: RouteFilters
  /** The issue open in the board's drawer. */
  issueId: string | null
  /** The thread open in the inbox. */
  threadId: string | null
  /** The plan open in the plans view (null: a new plan's intake). */
  planId: string | null
  /** The plan's tab; null means the one its status calls for. */
  planTab: string | null
  /** The settings section scrolled to. */
  section: string | null
}

export const RUN_TABS = ['terminal', 'changes', 'checkpoints', 'environment', 'context', 'timeline', 'gates', 'usage'] as const
export const PLAN_TABS = ['clarify', 'architecture', 'document', 'chat', 'decomposition'] as const
export const SETTINGS_SECTIONS = ['appearance', 'terminal', 'models-and-keys', 'concurrency', 'agents', 'machine', 'data'] as const
const VIEW_ID = /^[a-z][a-z0-9-]{0,31}$/
const RUN_ID = /^[A-Za-z0-9_-]{1,128}$/

export const noFilters = (): RouteFilters => ({ repo: null, text: '', agent: null, label: null, priority: null })

const QUERY: Array<[keyof RouteFilters, string]> = [['repo', 'repo'], ['text', 'q'], ['agent', 'agent'], ['label', 'label'], ['priority', 'priority']]

/** The path (with its query) of a route. */
export function routeToPath(route: AppRoute): string {
  const path = route.view === 'run' && route.runId
    ? `/run/${encodeURIComponent(route.runId)}${route.runTab && route.runTab !== 'terminal' ? `/${route.runTab}` : ''}`
    : route.view === 'plans' && route.planId
      ? `/plans/${encodeURIComponent(route.planId)}${route.planTab ? `/${route.planTab}` : ''}`
      : route.view === 'settings' && route.section
        ? `/settings/${route.section}`
        : `/${route.view === 'run' ? 'board' : route.view}`
  const query = new URLSearchParams()
  for (const [key, name] of QUERY) {
    const value = route.filters[key]
    if (value) query.set(name, value)
  }
  if (route.issueId) query.set('issue', route.issueId)
  if (route.threadId) query.set('thread', route.threadId)
  const q = query.toString()
  return q ? `${path}?${q}` : path
}

/**
 * The route of a path and query string. Unknown or malformed paths give the board (the caller decides
 * whether a view id exists); a run path with an unknown tab gives the terminal tab.
 */
export function pathToRoute(pathname: string, search = ''): AppRoute {
  const query = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
  const filters = noFilters()
  for (const [key, name] of QUERY) {
    const value = query.get(name)
    if (value) (filters as unknown as Record<string, string>)[key] = value
  }
  const item = (name: string) => {
    const value = query.get(name)
    return value && RUN_ID.test(value) ? value : null
  }
  const parts = pathname.split('/').filter(Boolean).map((p) => safeDecode(p))
  const none = { runId: null, runTab: null, issueId: null, threadId: null, planId: null, planTab: null, section: null }
  const known = (list: readonly string[], part: string | undefined) => (part && list.includes(part) ? part : null)
  if (parts[0] === 'run' && parts[1] && RUN_ID.test(parts[1])) {
    const tab = known(RUN_TABS, parts[2])
    return { ...none, view: 'run', runId: parts[1], runTab: tab === 'terminal' ? null : tab, filters }
  }
  if (parts[0] === 'plans' && parts[1] && RUN_ID.test(parts[1])) return { ...none, view: 'plans', planId: parts[1], planTab: known(PLAN_TABS, parts[2]), filters }
  if (parts[0] === 'settings') return { ...none, view: 'settings', section: known(SETTINGS_SECTIONS, parts[1]), filters }
  const view = parts[0] && VIEW_ID.test(parts[0]) && parts[0] !== 'run' ? parts[0] : 'board'
  return { ...none, view, filters, issueId: view === 'board' ? item('issue') : null, threadId: view === 'inbox' ? item('thread') : null }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return ''
  }
}

/**
 * The in-app path a `flightdeck://` deep link opens, e.g. `flightdeck://run/R1/changes?x` -> `/run/R1/changes`,
 * `flightdeck://runs?repo=R1` -> `/runs?repo=R1`. Anything else (another scheme, garbage) gives null.
 */
export function deepLinkToPath(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'flightdeck:') return null
  // `flightdeck://run/R1` parses with host 'run'; `flightdeck:///run/R1` with an empty host.
  const pathname = `/${parsed.host}${parsed.pathname}`.replace(/\/{2,}/g, '/')
  return routeToPath(pathToRoute(pathname, parsed.search))
}
