import { randomBytes } from 'node:crypto'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'
import { now } from '../ids'
import { isAlive } from '../sessions/pty.adapter'

/** Longer than any model step retries for; only matters if the holder's pid was reused by another process. */
const leaseMs = 2 * 3_600_000

/**
 * Takes the plan's lock for one step, inside a write transaction so two processes (the app and the CLI)
 * cannot both take it: SQLite serialises the writers, and the second sees the first's row.
 * Returns the holder id to release with. A lock whose process is gone, or past its lease, is taken over.
 */
export async function acquirePlanLock(db: Db, planId: string, step: string): Promise<string> {
  const held = await db.selectFrom('plan_locks').selectAll().where('plan_id', '=', planId).executeTakeFirst()
  const ts = now()
  if (held && held.expires_at > ts && isAlive(held.pid)) {
    throw new ApiError('conflict', `plan ${planId} is busy (${held.step} in progress since ${held.acquired_at}); try again when it ends`, 'id')
  }
  const holder = `${process.pid}:${randomBytes(8).toString('hex')}`
  const row = { plan_id: planId, step, holder, pid: process.pid, acquired_at: ts, expires_at: new Date(Date.now() + leaseMs).toISOString() }
  await db
    .insertInto('plan_locks')
    .values(row)
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ step, holder, pid: row.pid, acquired_at: ts, expires_at: row.expires_at }))
    .execute()
  return holder
}

export async function releasePlanLock(db: Db, planId: string, holder: string): Promise<void> {
  await db.deleteFrom('plan_locks').where('plan_id', '=', planId).where('holder', '=', holder).execute()
}
