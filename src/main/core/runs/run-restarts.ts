import type { Run } from '../../../shared/domain'
import type { Store } from '../store'
import { now } from '../ids'
import { listRuns } from './run.repository'

/**
 * Failed runs whose automatic restart is due, each claimed by clearing its due time (compare-and-set), so two
 * engines on one database never both restart it and a restarted run is never restarted twice.
 */
export async function dueRestarts(store: Store): Promise<Run[]> {
  const ts = now()
  const due = (await listRuns(store.db, { state: 'failed' })).filter((r) => r.restartDueAt !== null && r.restartDueAt <= ts)
  const claimed: Run[] = []
  for (const run of due) {
    const taken = await store.write(async (tx) => {
      const result = await tx.db.updateTable('runs').set({ restart_due_at: null }).where('id', '=', run.id).where('state', '=', 'failed').where('restart_due_at', '=', run.restartDueAt).executeTakeFirst()
      return Number(result.numUpdatedRows) === 1
    })
    if (taken) claimed.push(run)
  }
  return claimed
}
