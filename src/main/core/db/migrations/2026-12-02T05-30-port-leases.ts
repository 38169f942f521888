import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/** Each run's block of ports: two worktrees never share one (the base is unique, blocks never overlap). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('port_leases')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id'))
    .addColumn('base', 'integer', (c) => c.notNull().unique())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('port_leases').execute()
}
