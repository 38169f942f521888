import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('run_command_sessions')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('argv', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('exit_code', 'integer')
    .execute()
  await db.schema.createIndex('run_command_sessions_run').on('run_command_sessions').columns(['run_id', 'name', 'started_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('run_command_sessions').execute()
}
