import type { Run, RunState } from '../../../shared/domain'
import { canTransitionRun, runTransitions } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { RunUpdate } from '../db/tables/run.table'
import { now } from '../ids'
import type { WriteTx } from '../store'
import { findRun, updateRunIf } from './run.repository'

const finalStates: readonly RunState[] = ['merged', 'failed', 'stopped']

/**
 * Moves a run along the state machine inside a write transaction and records the move as an event.
 * Refuses moves the table does not allow, and loses (returns undefined) when another engine moved it first.
 */
export async function moveRun(
  tx: WriteTx,
  runId: string,
  to: RunState,
  patch: RunUpdate = {},
  reason?: string
): Promise<Run | undefined> {
  const run = await findRun(tx.db, runId)
  if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'id')
  if (!canTransitionRun(run.state, to)) {
    const allowed = runTransitions[run.state]
    throw new ApiError(
      'transition_refused',
      `a ${run.state} run cannot move to ${to}${allowed.length ? ` (from ${run.state}: ${allowed.join(', ')})` : `: ${run.state} is final`}`,
      'id'
    )
  }
  const ts = now()
  const update: RunUpdate = { ...patch, state: to, updated_at: ts }
  if (finalStates.includes(to)) update.ended_at = ts
  if (reason !== undefined && patch.detail === undefined) update.detail = reason
  if (!(await updateRunIf(tx.db, runId, run.state, update))) return undefined
  const moved = (await findRun(tx.db, runId)) as Run
  tx.emit('run.updated', runId, reason === undefined ? { run: moved, from: run.state } : { run: moved, from: run.state, reason })
  return moved
}

/** Updates fields without a state move (activity, detail, session) and records it. */
export async function patchRun(tx: WriteTx, run: Run, patch: RunUpdate): Promise<Run> {
  await tx.db.updateTable('runs').set({ ...patch, updated_at: now() }).where('id', '=', run.id).execute()
  const updated = (await findRun(tx.db, run.id)) as Run
  tx.emit('run.updated', run.id, { run: updated })
  return updated
}
