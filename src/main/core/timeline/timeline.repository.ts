import type { EventEnvelope } from '../../../shared/contract'
import { toEnvelope } from '../events/event-log'
import type { ConstraintSnapshot } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'

/** The events about one entity in commit order, through the (entity, seq) index; the newest `limit` of them. */
export async function eventsForEntity(db: Db, entity: string, limit: number): Promise<EventEnvelope[]> {
  const rows = await db.selectFrom('events').selectAll().where('entity', '=', entity).orderBy('seq', 'desc').limit(limit).execute()
  return rows.reverse().map(toEnvelope)
}

export async function getConstraintSnapshot(db: Db, id: string): Promise<ConstraintSnapshot> {
  const row = await db.selectFrom('constraint_snapshots').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new ApiError('not_found', `no constraint snapshot with id ${id}`, 'id')
  return { id: row.id, issueId: row.issue_id, content: JSON.parse(row.content) as Record<string, unknown>, createdAt: row.created_at }
}
