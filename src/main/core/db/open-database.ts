import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { CompiledQuery, type DatabaseConnection, Kysely, Migrator, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely'
import type { Database } from './database'
import { migrationProvider } from './migrations'

export interface OpenedDatabase {
  /** The raw connection, for the few hot paths that need a prepared statement (event append). */
  sqlite: SqliteDatabase.Database
  db: Kysely<Database>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /**
   * Path to a better_sqlite3.node built for the running ABI. Electron needs its own build (see README:
   * "Native modules"); plain Node uses the one npm built.
   */
  nativeBinding?: string
}

/** Opens (creating if needed) the SQLite file, sets WAL and foreign keys, and runs pending migrations. */
export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) })
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest()
  if (error) {
    await db.destroy()
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  return { sqlite, db, close: () => db.destroy() }
}

/**
 * Write transactions take the write lock when they begin. With SQLite's default deferred `begin`, a transaction
 * that reads and then writes fails at once with SQLITE_BUSY when another process (a second engine, the CLI)
 * committed in between; `begin immediate` waits its turn under busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings)
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.settings)
  }
}
