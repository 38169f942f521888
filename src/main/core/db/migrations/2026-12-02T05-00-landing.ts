import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('landing_queue')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().unique().references('runs.id'))
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repos.id'))
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('enqueued_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conflict_files', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('landing_queue_repo').on('landing_queue').columns(['repo_id', 'status', 'priority_rank', 'enqueued_at']).execute()
  await db.schema
    .createTable('landing_pauses')
    .addColumn('repo_id', 'text', (c) => c.primaryKey().references('repos.id'))
    .addColumn('paused_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('landing_pauses').execute()
  await db.schema.dropTable('landing_queue').execute()
}
