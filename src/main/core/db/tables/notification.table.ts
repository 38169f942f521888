import type { Selectable } from 'kysely'

/** What the core judged worth a person's attention, recorded in the transaction of the event that caused it. */
export interface NotificationTable {
  id: string
  /** The causing event's sequence number: the order they are listed in. */
  seq: number
  title: string
  body: string
  /** info | success | warning | error */
  severity: string
  /** JSON: where a click takes the person ({ kind: 'run', runId } | { kind: 'view', view }). */
  target: string
  created_at: string
  read_at: string | null
}
export type NotificationRow = Selectable<NotificationTable>
