import { ApiError } from '../../../shared/errors'
import { now } from '../ids'
import type { Store } from '../store'

export interface WorktreeLeaseRequest {
  path: string
  runId: string
  sessionId: string
  /** Whether a session (the current holder) is still alive in the pty host. */
  alive: (sessionId: string) => boolean
}

/**
 * One writer per worktree: the session about to start takes the worktree's lease in SQLite. A lease held by
 * another session that is still alive refuses it, naming the holder; a dead holder's lease is taken over.
 */
export async function acquireWorktreeLease(store: Store, req: WorktreeLeaseRequest): Promise<void> {
  await store.write(async (tx) => {
    const held = await tx.db.selectFrom('worktree_leases').selectAll().where('path', '=', req.path).executeTakeFirst()
    if (held && held.session_id !== req.sessionId && req.alive(held.session_id)) {
      const whose = held.run_id === req.runId ? 'an earlier session of this run' : `run ${held.run_id}`
      throw new ApiError('refused', `the worktree ${req.path} is in use by ${whose} (session ${held.session_id}, since ${held.acquired_at}); one session writes in a worktree at a time: stop it first (flightdeck run stop ${held.run_id})`)
    }
    const row = { path: req.path, run_id: req.runId, session_id: req.sessionId, acquired_at: now() }
    await tx.db.insertInto('worktree_leases').values(row).onConflict((oc) => oc.column('path').doUpdateSet({ run_id: row.run_id, session_id: row.session_id, acquired_at: row.acquired_at })).execute()
  })
}

/** The worktree is gone (cleanup): its lease with it. */
export async function releaseWorktreeLease(store: Store, runId: string): Promise<void> {
  await store.write(async (tx) => {
    await tx.db.deleteFrom('worktree_leases').where('run_id', '=', runId).execute()
  })
}
