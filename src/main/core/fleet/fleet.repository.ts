import type { FleetFields } from '../../../shared/contract/fleet'
import type { Db } from '../db/database'
import type { FleetEntryRow } from '../db/tables/fleet.table'
import type { DetectedFacts } from './detect'

/** Where each field set or imported came from (`set`, a catalog file), and the lines declaring dependencies. */
export type FleetSources = Partial<Record<keyof FleetFields, string>> & { dependsOnEvidence?: Record<string, string> }

/** A fleet row, decoded. */
export interface FleetRecord {
  repoId: string
  fields: FleetFields
  sources: FleetSources
  scan: DetectedFacts | null
  scanHead: string | null
  scannedAt: string | null
}

const decode = (row: FleetEntryRow): FleetRecord => ({
  repoId: row.repo_id,
  fields: JSON.parse(row.fields) as FleetFields,
  sources: JSON.parse(row.sources) as FleetSources,
  scan: row.scan === null ? null : (JSON.parse(row.scan) as DetectedFacts),
  scanHead: row.scan_head,
  scannedAt: row.scanned_at
})

export async function listFleetRecords(db: Db): Promise<Map<string, FleetRecord>> {
  const rows = await db.selectFrom('fleet_entries').selectAll().execute()
  return new Map(rows.map((r) => [r.repo_id, decode(r)]))
}

export async function getFleetRecord(db: Db, repoId: string): Promise<FleetRecord | undefined> {
  const row = await db.selectFrom('fleet_entries').selectAll().where('repo_id', '=', repoId).executeTakeFirst()
  return row ? decode(row) : undefined
}

/** Stores what a scan found at `head` (the catalog values are left as they are). */
export async function saveScan(db: Db, repoId: string, scan: DetectedFacts, head: string | null, at: string): Promise<void> {
  const values = { scan: JSON.stringify(scan), scan_head: head, scanned_at: at, updated_at: at }
  await db
    .insertInto('fleet_entries')
    .values({ repo_id: repoId, fields: '{}', sources: '{}', ...values })
    .onConflict((oc) => oc.column('repo_id').doUpdateSet(values))
    .execute()
}

/** Stores the catalog values set or imported (the scan is left as it is). */
export async function saveFields(db: Db, repoId: string, fields: FleetFields, sources: FleetSources, at: string): Promise<void> {
  const values = { fields: JSON.stringify(fields), sources: JSON.stringify(sources), updated_at: at }
  await db
    .insertInto('fleet_entries')
    .values({ repo_id: repoId, ...values })
    .onConflict((oc) => oc.column('repo_id').doUpdateSet(values))
    .execute()
}
