import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.

/** One writer per worktree: the session that holds each worktree (a second live session is refused). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('worktree_leases')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('worktree_leases').execute()
}
