import type { Insertable, Selectable } from 'kysely'

/**
 * A repository's catalog values: what was set or imported (JSON columns, null: not set, so the detected value
 * shows) and the facts last detected from its files at `scan_head`.
 */
export interface FleetEntryTable {
  repo_id: string
  /** JSON FleetFields: only the fields set or imported. */
  fields: string
  /** JSON map field -> source (`set`, a catalog file name). */
  sources: string
  /** JSON DetectedFacts of the last scan; null: never scanned. */
  scan: string | null
  scan_head: string | null
  scanned_at: string | null
  updated_at: string
}
export type FleetEntryRow = Selectable<FleetEntryTable>
export type NewFleetEntryRow = Insertable<FleetEntryTable>
