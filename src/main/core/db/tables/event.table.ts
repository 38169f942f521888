import type { Generated, Selectable } from 'kysely'

/** Append-only: the store rejects updates and deletes. */
export interface EventTable {
  seq: Generated<number>
  id: string
  ts: string
  topic: string
  entity: string
  /** JSON payload. */
  payload: string
}
export type EventRow = Selectable<EventTable>
