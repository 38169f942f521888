import { type Kysely, sql } from 'kysely'

// Frozen in time. Adds what the run engine tracks about a run's live session and health.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('session_id', 'text').execute()
  await db.schema.alterTable('runs').addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('runs').addColumn('activity', 'text', (c) => c.notNull().defaultTo('unknown')).execute()
  await db.schema.alterTable('runs').addColumn('exit_code', 'integer').execute()
  await db.schema.alterTable('runs').addColumn('base_branch', 'text').execute()
  await db.schema.alterTable('runs').addColumn('argv', 'text').execute()
  await db.schema.alterTable('runs').addColumn('detail', 'text').execute()
  await db.schema.alterTable('runs').addColumn('last_output_at', 'text').execute()
  await db.schema.alterTable('runs').addColumn('priority_rank', 'integer', (c) => c.notNull().defaultTo(2)).execute()
  await sql`CREATE INDEX runs_repo_state ON runs (repo_id, state)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX runs_repo_state`.execute(db)
  for (const column of ['priority_rank', 'last_output_at', 'detail', 'argv', 'base_branch', 'exit_code', 'activity', 'attempt', 'session_id']) {
    await db.schema.alterTable('runs').dropColumn(column).execute()
  }
}
