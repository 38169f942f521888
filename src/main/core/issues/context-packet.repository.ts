import type { ContextPacket, ContextPacketContent } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { ContextPacketRow } from '../db/tables/context.table'
import { newId, now } from '../ids'

function toPacket(row: ContextPacketRow): ContextPacket {
  return {
    id: row.id,
    issueId: row.issue_id,
    version: row.version,
    content: JSON.parse(row.content) as ContextPacketContent,
    createdAt: row.created_at
  }
}

/** Appends the next version of an issue's briefing; earlier versions are never changed. */
export async function appendContextPacket(db: Db, issueId: string, content: ContextPacketContent): Promise<ContextPacket> {
  const last = await db
    .selectFrom('context_packets')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('issue_id', '=', issueId)
    .executeTakeFirst()
  const row = {
    id: newId(),
    issue_id: issueId,
    version: (last?.version ?? 0) + 1,
    content: JSON.stringify(content),
    created_at: now()
  }
  await db.insertInto('context_packets').values(row).execute()
  return toPacket(row)
}

export async function listContextPackets(db: Db, issueId: string): Promise<ContextPacket[]> {
  const rows = await db
    .selectFrom('context_packets')
    .selectAll()
    .where('issue_id', '=', issueId)
    .orderBy('version')
    .execute()
  return rows.map(toPacket)
}
