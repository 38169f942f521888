import type { Violation, ViolationSeverity, ViolationStage, ViolationStatus } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { ViolationRow } from '../db/tables/governance.table'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'
import type { ViolationDraft } from './violation-draft'

export function toViolation(row: ViolationRow): Violation {
  return {
    id: row.id,
    repoId: row.repo_id,
    issueId: row.issue_id,
    runId: row.run_id,
    stage: row.stage as ViolationStage,
    rule: row.rule,
    doctrine: row.doctrine,
    severity: row.severity as ViolationSeverity,
    blocking: row.blocking === 1,
    message: row.message,
    evidence: JSON.parse(row.evidence) as Violation['evidence'],
    status: row.status as ViolationStatus,
    overrideReason: row.override_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export interface ViolationScope {
  repoId: string
  issueId: string
  runId: string
  stage: ViolationStage
}

/**
 * Records what a check found for a run and stage: new violations open, ones found again keep their
 * status (an override sticks) with fresh evidence, resolved ones reopen, and ones no longer found resolve.
 */
export async function syncViolations(tx: WriteTx, scope: ViolationScope, drafts: readonly ViolationDraft[]): Promise<Violation[]> {
  const existing = await tx.db.selectFrom('violations').selectAll().where('run_id', '=', scope.runId).where('stage', '=', scope.stage).execute()
  const byPrint = new Map(existing.map((r) => [r.fingerprint, r]))
  const seen = new Set<string>()
  const ts = now()
  const changed: string[] = []
  for (const d of drafts) {
    if (seen.has(d.fingerprint)) continue
    seen.add(d.fingerprint)
    const row = byPrint.get(d.fingerprint)
    const fields = { rule: d.rule, doctrine: d.doctrine, severity: d.severity, blocking: d.blocking ? 1 : 0, message: d.message, evidence: JSON.stringify(d.evidence) }
    if (!row) {
      const id = newId()
      await tx.db.insertInto('violations').values({ id, repo_id: scope.repoId, issue_id: scope.issueId, run_id: scope.runId, stage: scope.stage, fingerprint: d.fingerprint, status: 'open', override_reason: null, created_at: ts, updated_at: ts, ...fields }).execute()
      changed.push(id)
    } else if (row.status === 'resolved' || row.message !== d.message || row.evidence !== fields.evidence || row.blocking !== fields.blocking) {
      const status = row.status === 'resolved' ? 'open' : row.status
      await tx.db.updateTable('violations').set({ ...fields, status, updated_at: ts }).where('id', '=', row.id).execute()
      changed.push(row.id)
    }
  }
  for (const row of existing) {
    if (seen.has(row.fingerprint) || row.status === 'resolved') continue
    await tx.db.updateTable('violations').set({ status: 'resolved', updated_at: ts }).where('id', '=', row.id).execute()
    changed.push(row.id)
  }
  for (const id of changed) {
    const violation = toViolation(await tx.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirstOrThrow())
    tx.emit('violation.recorded', id, { violation })
  }
  const rows = await tx.db.selectFrom('violations').selectAll().where('run_id', '=', scope.runId).where('stage', '=', scope.stage).where('status', '!=', 'resolved').orderBy('created_at').orderBy('id').execute()
  return rows.map(toViolation)
}

export interface ViolationFilter {
  runId?: string
  repoId?: string
  status?: ViolationStatus
}

export async function listViolations(db: Db, filter: ViolationFilter): Promise<Violation[]> {
  let query = db.selectFrom('violations').selectAll()
  if (filter.runId) query = query.where('run_id', '=', filter.runId)
  if (filter.repoId) query = query.where('repo_id', '=', filter.repoId)
  if (filter.status) query = query.where('status', '=', filter.status)
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(10_000).execute()
  return rows.map(toViolation)
}

/** Open blocking violations of a run, any stage. */
export async function openBlockingViolations(db: Db, runId: string): Promise<Violation[]> {
  const rows = await db.selectFrom('violations').selectAll().where('run_id', '=', runId).where('status', '=', 'open').where('blocking', '=', 1).orderBy('created_at').execute()
  return rows.map(toViolation)
}
