import { type Kysely, sql } from 'kysely'

// Frozen in time. Plans (PRD -> clarifications -> architecture pack versions -> decomposition -> issues),
// their refinement chat, model calls (token usage) and the links from work items to issues.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repos.id'))
    .addColumn('prd_text', 'text', (c) => c.notNull())
    .addColumn('org_constraints', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('clarifications', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pack', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('plan_versions_plan_version', ['plan_id', 'version'])
    .execute()
  for (const op of ['update', 'delete'] as const) {
    await sql
      .raw(`CREATE TRIGGER plan_versions_no_${op} BEFORE ${op.toUpperCase()} ON plan_versions BEGIN SELECT RAISE(ABORT, 'plan_versions are immutable: ${op} refused'); END`)
      .execute(db)
  }

  await db.schema
    .createTable('plan_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('proposal', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('plan_messages_plan').on('plan_messages').columns(['plan_id', 'created_at']).execute()

  await db.schema
    .createTable('plan_decompositions')
    .addColumn('plan_id', 'text', (c) => c.primaryKey().references('plans.id'))
    .addColumn('pack_version', 'integer', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('plan_issue_links')
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id'))
    .addColumn('github_number', 'integer')
    .addPrimaryKeyConstraint('plan_issue_links_pk', ['plan_id', 'item_key'])
    .execute()

  await db.schema
    .createTable('plan_model_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.references('plans.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('input_tokens', 'integer', (c) => c.notNull())
    .addColumn('output_tokens', 'integer', (c) => c.notNull())
    .addColumn('stop_reason', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('plan_model_calls_plan').on('plan_model_calls').column('plan_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['plan_model_calls', 'plan_issue_links', 'plan_decompositions', 'plan_messages', 'plan_versions', 'plans']) {
    await db.schema.dropTable(table).execute()
  }
}
