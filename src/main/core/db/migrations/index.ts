import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './2026-11-21T09-00-initial'
import * as runSessions from './2026-11-21T10-00-run-sessions'
import * as settings from './2026-11-21T10-30-settings'

/** A static map, not a folder read, so migrations ship inside a bundled or packaged app. */
const migrations: Record<string, Migration> = {
  '2026-11-21T09-00-initial': initial,
  '2026-11-21T10-00-run-sessions': runSessions,
  '2026-11-21T10-30-settings': settings
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
