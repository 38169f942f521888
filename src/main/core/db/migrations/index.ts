import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './2026-11-21T09-00-initial'
import * as runSessions from './2026-11-21T10-00-run-sessions'
import * as settings from './2026-11-21T10-30-settings'
import * as forum from './2026-11-21T11-00-forum'
import * as planning from './2026-11-21T12-00-planning'
import * as governance from './2026-11-21T13-00-governance'
import * as planLocks from './2026-12-02T04-30-plan-locks'
import * as landing from './2026-12-02T05-00-landing'
import * as portLeases from './2026-12-02T05-30-port-leases'
import * as agentStatus from './2026-12-02T07-00-agent-status'
import * as usage from './2026-12-02T07-30-usage'
import * as pullRequests from './2026-12-02T13-00-pull-requests'
import * as reviewComments from './2026-12-02T13-30-review-comments'
import * as hosts from './2026-12-02T14-00-hosts'
import * as fleet from './2026-12-02T14-30-fleet'
import * as worktreeLeases from './2026-12-02T15-00-worktree-leases'
import * as runLaunches from './2026-12-02T15-30-run-launches'
import * as runCommandSessions from './2026-12-02T17-00-run-command-sessions'
import * as runStartPoint from './2026-12-02T17-30-run-start-point'
import * as notifications from './2026-12-03T15-00-notifications'

/** A static map, not a folder read, so migrations ship inside a bundled or packaged app. */
const migrations: Record<string, Migration> = {
  '2026-11-21T09-00-initial': initial,
  '2026-11-21T10-00-run-sessions': runSessions,
  '2026-11-21T10-30-settings': settings,
  '2026-11-21T11-00-forum': forum,
  '2026-11-21T12-00-planning': planning,
  '2026-11-21T13-00-governance': governance,
  '2026-12-02T04-30-plan-locks': planLocks,
  '2026-12-02T05-00-landing': landing,
  '2026-12-02T05-30-port-leases': portLeases,
  '2026-12-02T07-00-agent-status': agentStatus,
  '2026-12-02T07-30-usage': usage,
  '2026-12-02T13-00-pull-requests': pullRequests,
  '2026-12-02T13-30-review-comments': reviewComments,
  '2026-12-02T14-00-hosts': hosts,
  '2026-12-02T14-30-fleet': fleet,
  '2026-12-02T15-00-worktree-leases': worktreeLeases,
  '2026-12-02T15-30-run-launches': runLaunches,
  '2026-12-02T17-00-run-command-sessions': runCommandSessions,
  '2026-12-02T17-30-run-start-point': runStartPoint,
  '2026-12-03T15-00-notifications': notifications
}

/** How many migrations ship; tests compare the applied count against it. */
export const migrationCount = (): number => Object.keys(migrations).length

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
