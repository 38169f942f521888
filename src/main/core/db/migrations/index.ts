import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './2026-11-21T09-00-initial'

/** A static map, not a folder read, so migrations ship inside a bundled or packaged app. */
const migrations: Record<string, Migration> = {
  '2026-11-21T09-00-initial': initial
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations
}
