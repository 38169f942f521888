import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/**
 * What a run knows of its agent beyond the lifecycle: the agent's own conversation id (resume *this* one),
 * where the current activity came from and when, and when a crashed agent's automatic restart is due
 * (persisted, so an engine restart neither forgets nor hurries it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('agent_session_id', 'text').execute()
  await db.schema.alterTable('runs').addColumn('activity_source', 'text').execute()
  await db.schema.alterTable('runs').addColumn('activity_at', 'text').execute()
  await db.schema.alterTable('runs').addColumn('restart_due_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['agent_session_id', 'activity_source', 'activity_at', 'restart_due_at']) {
    await db.schema.alterTable('runs').dropColumn(column).execute()
  }
}
