import os from 'node:os'
import type { Db } from '../db/database'
import { now } from '../ids'
import type { WriteTx } from '../store'

/** Recorded with the move to `preparing`: this process prepares the run. */
export async function recordLaunch(tx: WriteTx, runId: string): Promise<void> {
  const row = { run_id: runId, pid: process.pid, host: os.hostname(), started_at: now() }
  await tx.db.insertInto('run_launches').values(row).onConflict((oc) => oc.column('run_id').doUpdateSet({ pid: row.pid, host: row.host, started_at: row.started_at })).execute()
}

export async function clearLaunch(tx: WriteTx, runId: string): Promise<void> {
  await tx.db.deleteFrom('run_launches').where('run_id', '=', runId).execute()
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether another live process is preparing the run (a CLI's `run start`, another app): then it is not
 * interrupted and must not be failed. A process of this one, or one that is gone, prepares nothing.
 */
export async function preparedElsewhere(db: Db, runId: string): Promise<boolean> {
  const row = await db.selectFrom('run_launches').selectAll().where('run_id', '=', runId).executeTakeFirst()
  return Boolean(row && row.pid !== process.pid && (row.host !== os.hostname() || alive(row.pid)))
}
