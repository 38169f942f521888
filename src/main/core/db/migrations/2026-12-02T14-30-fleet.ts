import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/** The fleet catalog: one row per registered repository that was scanned or given catalog values. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fleet_entries')
    .addColumn('repo_id', 'text', (c) => c.primaryKey().references('repos.id').onDelete('cascade'))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sources', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('scan', 'text')
    .addColumn('scan_head', 'text')
    .addColumn('scanned_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fleet_entries').execute()
}
