import type { LucideIcon } from 'lucide-react'
import { Boxes, Coins, Inbox, Kanban, LayoutGrid, ListChecks, ScrollText, Settings, Workflow } from 'lucide-react'
import { type ReactNode, lazy } from 'react'
import { ForumView } from '../forum/ForumView'
import { IssuesView } from '../runs-board/IssuesView'
import { RunsBoard } from '../runs-board/RunsBoard'

// The boards and the inbox load with the page; every other view (the terminals, the wireframe, the charts) when first opened,
// so the first paint does not wait for code it does not show.
const FleetView = lazy(() => import('../fleet/FleetView').then((m) => ({ default: m.FleetView })))
const DoctrineView = lazy(() => import('../governance/DoctrineView').then((m) => ({ default: m.DoctrineView })))
const TerminalGrid = lazy(() => import('../grid/TerminalGrid').then((m) => ({ default: m.TerminalGrid })))
const PlansView = lazy(() => import('../planning/PlansView').then((m) => ({ default: m.PlansView })))
const RunView = lazy(() => import('../run/RunView').then((m) => ({ default: m.RunView })))
const SettingsView = lazy(() => import('../settings/SettingsView').then((m) => ({ default: m.SettingsView })))
const UsageView = lazy(() => import('../usage/UsageView').then((m) => ({ default: m.UsageView })))

/** One main view of the app: where the rail, the palette and the shortcuts take the user. */
export interface ViewEntry {
  id: string
  label: string
  icon: LucideIcon
  /** Rail position: the main group, or the bottom (settings); 'none' for views opened from elsewhere. */
  rail: 'main' | 'bottom' | 'none'
  /** Shown once the runs are loaded (they arrive after the rest); the others show at once. */
  needsRuns?: boolean
  render(): ReactNode
}

/**
 * The registry of main views. To add a view, add one line here, e.g.
 *   { id: 'inbox', label: 'Inbox', icon: Inbox, rail: 'main', render: () => <InboxView /> },
 * and it gets a rail button, a palette entry ("Go to Inbox") and a digit shortcut (its place in the rail). Open it from code with
 * `useApp((s) => s.showView)('inbox')`.
 */
export const views: ViewEntry[] = [
  { id: 'board', label: 'Board', icon: Kanban, rail: 'main', render: () => <IssuesView /> },
  { id: 'runs', label: 'Runs', icon: ListChecks, rail: 'main', needsRuns: true, render: () => <RunsBoard /> },
  { id: 'grid', label: 'Grid', icon: LayoutGrid, rail: 'main', needsRuns: true, render: () => <TerminalGrid /> },
  { id: 'inbox', label: 'Inbox', icon: Inbox, rail: 'main', render: () => <ForumView /> },
  { id: 'plans', label: 'Plans', icon: Workflow, rail: 'main', render: () => <PlansView /> },
  { id: 'doctrine', label: 'Doctrine', icon: ScrollText, rail: 'main', render: () => <DoctrineView /> },
  { id: 'usage', label: 'Usage', icon: Coins, rail: 'main', render: () => <UsageView /> },
  { id: 'fleet', label: 'Fleet', icon: Boxes, rail: 'main', render: () => <FleetView /> },
  { id: 'settings', label: 'Settings', icon: Settings, rail: 'bottom', render: () => <SettingsView /> },
  { id: 'run', label: 'Run', icon: ListChecks, rail: 'none', needsRuns: true, render: () => <RunView /> }
]

/** The views reachable by digit shortcuts (1 = the first rail button). */
export const railViews = (): ViewEntry[] => views.filter((v) => v.rail === 'main')

export function viewById(id: string): ViewEntry {
  return views.find((v) => v.id === id) ?? (views[0] as ViewEntry)
}

/** Every registered view id (the router sends unknown ids to the board). */
export const viewIds = (): string[] => views.map((v) => v.id)
