import type { Kysely } from 'kysely'

// Frozen in time. Where a run's branch started when not at its base branch's tip (JSON RunStartPoint).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('start_point', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').dropColumn('start_point').execute()
}
