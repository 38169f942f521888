import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/** Token and cost usage per model call, and the budget limits each run crossed (acted on once). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('usage_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.references('runs.id').onDelete('cascade'))
    .addColumn('plan_id', 'text')
    .addColumn('issue_id', 'text')
    .addColumn('repo_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_tokens', 'integer', (c) => c.notNull())
    .addColumn('output_tokens', 'integer', (c) => c.notNull())
    .addColumn('cache_read_tokens', 'integer', (c) => c.notNull())
    .addColumn('cache_write_tokens', 'integer', (c) => c.notNull())
    .addColumn('cost_usd', 'real')
    .addColumn('external_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('usage_records_run').on('usage_records').columns(['run_id', 'at']).execute()
  await db.schema.createIndex('usage_records_at').on('usage_records').column('at').execute()
  await sql`CREATE UNIQUE INDEX usage_records_external ON usage_records (run_id, source, external_id) WHERE external_id IS NOT NULL`.execute(db)
  await db.schema
    .createTable('budget_alerts')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('used', 'real', (c) => c.notNull())
    .addColumn('limit_value', 'real', (c) => c.notNull())
    .addColumn('thread_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_alerts_pk', ['run_id', 'snapshot_id', 'metric', 'level'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('budget_alerts').execute()
  await db.schema.dropTable('usage_records').execute()
}
