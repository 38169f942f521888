import type { LandingEntry, LandingStatus, LandingStep } from '../../../shared/contract'
import type { Db } from '../db/database'
import type { LandingRow, LandingUpdate, NewLandingRow } from '../db/tables/landing.table'
import { now } from '../ids'
import type { WriteTx } from '../store'

/** Waiting and landing entries hold places; returned and blocked ones wait outside the line. */
const inLine: readonly LandingStatus[] = ['landing', 'queued']

export async function listLandingRows(db: Db, repoId?: string): Promise<LandingRow[]> {
  let query = db.selectFrom('landing_queue').selectAll()
  if (repoId) query = query.where('repo_id', '=', repoId)
  const rows = await query.orderBy('priority_rank').orderBy('enqueued_at').orderBy('id').execute()
  // Landing first (it is the head), then the line, then the ones outside it.
  const rank = (r: LandingRow) => (r.status === 'landing' ? 0 : r.status === 'queued' ? 1 : 2)
  return rows.sort((a, b) => rank(a) - rank(b))
}

export async function findLandingRow(db: Db, runId: string): Promise<LandingRow | undefined> {
  return db.selectFrom('landing_queue').selectAll().where('run_id', '=', runId).executeTakeFirst()
}

/** Entries with their issue titles and places in line, in landing order. */
export async function landingEntries(db: Db, repoId?: string): Promise<LandingEntry[]> {
  const rows = await listLandingRows(db, repoId)
  const runs = rows.length ? await db.selectFrom('runs').innerJoin('issues', 'issues.id', 'runs.issue_id').select(['runs.id as runId', 'issues.id as issueId', 'issues.title']).where('runs.id', 'in', rows.map((r) => r.run_id)).execute() : []
  const byRun = new Map(runs.map((r) => [r.runId, r]))
  const places = new Map<string, number>()
  return rows.map((row) => {
    const place = inLine.includes(row.status as LandingStatus) ? (places.get(row.repo_id) ?? 0) + 1 : null
    if (place) places.set(row.repo_id, place)
    return toEntry(row, byRun.get(row.run_id), place)
  })
}

function toEntry(row: LandingRow, run: { issueId: string; title: string } | undefined, position: number | null): LandingEntry {
  return {
    id: row.id,
    runId: row.run_id,
    repoId: row.repo_id,
    issueId: run?.issueId ?? '',
    issueTitle: run?.title ?? '',
    priorityRank: row.priority_rank,
    enqueuedAt: row.enqueued_at,
    status: row.status as LandingStatus,
    step: row.step as LandingStep | null,
    reason: row.reason,
    attempts: row.attempts,
    conflictFiles: JSON.parse(row.conflict_files) as string[],
    position,
    updatedAt: row.updated_at
  }
}

export async function insertLandingRow(tx: WriteTx, row: NewLandingRow): Promise<LandingEntry> {
  await tx.db.insertInto('landing_queue').values(row).execute()
  return emitEntry(tx, row.run_id)
}

/**
 * Changes an entry only if it is still as the caller expects (its status, or the engine holding it), so two
 * engines on one database never both act on it. Returns undefined when the other one got there first.
 */
export async function updateLandingIf(tx: WriteTx, runId: string, guard: { status?: LandingStatus; claimedBy?: string | null }, update: LandingUpdate): Promise<LandingEntry | undefined> {
  let query = tx.db.updateTable('landing_queue').set({ ...update, updated_at: now() }).where('run_id', '=', runId)
  if (guard.status) query = query.where('status', '=', guard.status)
  if (guard.claimedBy !== undefined) query = guard.claimedBy === null ? query.where('claimed_by', 'is', null) : query.where('claimed_by', '=', guard.claimedBy)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows) === 1 ? emitEntry(tx, runId) : undefined
}

export async function deleteLandingRow(tx: WriteTx, row: Pick<LandingRow, 'run_id' | 'repo_id'>, reason: string): Promise<boolean> {
  const result = await tx.db.deleteFrom('landing_queue').where('run_id', '=', row.run_id).executeTakeFirst()
  if (Number(result.numDeletedRows) !== 1) return false
  tx.emit('landing.removed', row.run_id, { runId: row.run_id, repoId: row.repo_id, reason })
  return true
}

async function emitEntry(tx: WriteTx, runId: string): Promise<LandingEntry> {
  const row = (await findLandingRow(tx.db, runId)) as LandingRow
  const entry = (await landingEntries(tx.db, row.repo_id)).find((e) => e.runId === runId) as LandingEntry
  tx.emit('landing.updated', runId, { entry })
  return entry
}

export async function pausedRepos(db: Db): Promise<string[]> {
  return (await db.selectFrom('landing_pauses').select('repo_id').orderBy('repo_id').execute()).map((r) => r.repo_id)
}
