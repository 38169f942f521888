import type { ArchitecturePack, Clarification, Plan, PlanStatus, PlanVersion, PlanVersionSource } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'
import type { NewPlanRow, PlanRow, PlanTable, PlanVersionRow } from '../db/tables/plan.table'
import { newId, now } from '../ids'

export function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    status: row.status as PlanStatus,
    repoId: row.repo_id,
    prdText: row.prd_text,
    orgConstraints: JSON.parse(row.org_constraints) as Record<string, unknown>,
    clarifications: JSON.parse(row.clarifications) as Clarification[],
    currentVersion: row.current_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

function toVersion(row: PlanVersionRow): PlanVersion {
  return {
    planId: row.plan_id,
    version: row.version,
    source: row.source as PlanVersionSource,
    note: row.note,
    pack: JSON.parse(row.pack) as ArchitecturePack,
    createdAt: row.created_at
  }
}

export async function insertPlan(db: Db, row: NewPlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute()
}

export async function findPlan(db: Db, id: string): Promise<Plan> {
  const row = await db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw new ApiError('not_found', `no plan with id ${id}`, 'id')
  return toPlan(row)
}

export async function listPlans(db: Db): Promise<Plan[]> {
  const rows = await db.selectFrom('plans').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map(toPlan)
}

export async function updatePlan(db: Db, id: string, update: Partial<Omit<PlanTable, 'id'>>): Promise<Plan> {
  await db.updateTable('plans').set({ ...update, updated_at: now() }).where('id', '=', id).execute()
  return findPlan(db, id)
}

/** Appends the next version; versions are immutable in the database itself (triggers). */
export async function appendVersion(db: Db, planId: string, source: PlanVersionSource, note: string, pack: ArchitecturePack): Promise<PlanVersion> {
  const last = await db.selectFrom('plan_versions').select((eb) => eb.fn.max('version').as('v')).where('plan_id', '=', planId).executeTakeFirst()
  const row = { id: newId(), plan_id: planId, version: (last?.v ?? 0) + 1, source, note, pack: JSON.stringify(pack), created_at: now() }
  await db.insertInto('plan_versions').values(row).execute()
  await db.updateTable('plans').set({ current_version: row.version, updated_at: row.created_at }).where('id', '=', planId).execute()
  return toVersion(row)
}

export async function findVersion(db: Db, planId: string, version: number): Promise<PlanVersion> {
  const row = await db.selectFrom('plan_versions').selectAll().where('plan_id', '=', planId).where('version', '=', version).executeTakeFirst()
  if (!row) throw new ApiError('not_found', `plan ${planId} has no version ${version}`, 'version')
  return toVersion(row)
}

export async function listVersions(db: Db, planId: string): Promise<{ version: number; source: PlanVersionSource; note: string; createdAt: string }[]> {
  const rows = await db.selectFrom('plan_versions').select(['version', 'source', 'note', 'created_at']).where('plan_id', '=', planId).orderBy('version').execute()
  return rows.map((r) => ({ version: r.version, source: r.source as PlanVersionSource, note: r.note, createdAt: r.created_at }))
}
