import { type Kysely, sql } from 'kysely'

// Frozen in time. Forum projections (rebuilt from the `forum.*` events of the shared event log) and the
// hashed per-run tokens agents' MCP servers present.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forum_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('inbox_bucket', 'integer', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('issue_id', 'text')
    .addColumn('run_id', 'text')
    .addColumn('blocking', 'integer', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('correlation_id', 'text', (c) => c.notNull())
    .addColumn('last_event_id', 'text', (c) => c.notNull())
    .addColumn('post_count', 'integer', (c) => c.notNull())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .addColumn('unseen', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('sla_due_at', 'text')
    .addColumn('sla_minutes', 'integer')
    .addColumn('escalations', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await sql`CREATE INDEX forum_threads_inbox ON forum_threads (inbox_bucket, priority_rank, created_at, id)`.execute(db)
  await sql`CREATE INDEX forum_threads_activity ON forum_threads (last_post_at)`.execute(db)
  await sql`CREATE INDEX forum_threads_run ON forum_threads (run_id)`.execute(db)
  await sql`CREATE INDEX forum_threads_issue ON forum_threads (issue_id)`.execute(db)
  await sql`CREATE INDEX forum_threads_sla ON forum_threads (sla_due_at) WHERE sla_due_at IS NOT NULL`.execute(db)

  await db.schema
    .createTable('forum_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_answer', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('event_seq', 'integer', (c) => c.notNull())
    .execute()
  await sql`CREATE INDEX forum_posts_thread ON forum_posts (thread_id, event_seq)`.execute(db)
  await sql`CREATE INDEX events_topic_seq ON events (topic, seq)`.execute(db)

  await db.schema
    .createTable('run_agent_tokens')
    .addColumn('run_id', 'text', (c) => c.primaryKey().references('runs.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('run_agent_tokens').execute()
  await sql`DROP INDEX events_topic_seq`.execute(db)
  await db.schema.dropTable('forum_posts').execute()
  await db.schema.dropTable('forum_threads').execute()
}
