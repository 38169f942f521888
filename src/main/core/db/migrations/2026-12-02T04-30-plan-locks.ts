import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/** One row per plan with a model-backed step in progress, shared by every process on the database file. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plan_locks')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plan_locks').execute()
}
