import { type Kysely, sql } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

const immutableTables = ['context_packets', 'constraint_snapshots', 'events'] as const

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().unique())
    .addColumn('default_branch', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repos.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acceptance_criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scale_tier', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('issues_repo_status').on('issues').columns(['repo_id', 'status']).execute()

  await db.schema
    .createTable('issue_dependencies')
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('issues.id'))
    .addPrimaryKeyConstraint('issue_dependencies_pk', ['issue_id', 'depends_on_id'])
    .addCheckConstraint('issue_dependencies_not_self', sql`issue_id <> depends_on_id`)
    .execute()
  await db.schema.createIndex('issue_dependencies_target').on('issue_dependencies').column('depends_on_id').execute()

  await db.schema
    .createTable('context_packets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('context_packets_issue_version', ['issue_id', 'version'])
    .execute()

  await db.schema
    .createTable('constraint_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.references('issues.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('doctrine_refs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repo_id', 'text', (c) => c.references('repos.id'))
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('doctrine_refs_identity', ['repo_id', 'namespace', 'name', 'version'])
    .execute()

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id'))
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repos.id'))
    .addColumn('agent_profile', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('context_packet_id', 'text', (c) => c.notNull().references('context_packets.id'))
    .addColumn('constraint_snapshot_id', 'text', (c) => c.references('constraint_snapshots.id'))
    .addColumn('branch', 'text')
    .addColumn('worktree_path', 'text')
    .addColumn('policy_snapshot', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute()
  await db.schema.createIndex('runs_issue').on('runs').column('issue_id').execute()
  await db.schema.createIndex('runs_state').on('runs').column('state').execute()

  await db.schema
    .createTable('artifacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('uri', 'text')
    .addColumn('content', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('artifacts_run').on('artifacts').column('run_id').execute()

  await db.schema
    .createTable('events')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('events_entity').on('events').columns(['entity', 'seq']).execute()

  for (const table of immutableTables) {
    for (const op of ['update', 'delete'] as const) {
      await sql
        .raw(
          `CREATE TRIGGER ${table}_no_${op} BEFORE ${op.toUpperCase()} ON ${table} ` +
            `BEGIN SELECT RAISE(ABORT, '${table} are immutable: ${op} refused'); END`
        )
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['artifacts', 'runs', 'doctrine_refs', 'constraint_snapshots', 'context_packets']) {
    await db.schema.dropTable(table).execute()
  }
  for (const table of ['issue_dependencies', 'issues', 'repos', 'events']) {
    await db.schema.dropTable(table).execute()
  }
}
