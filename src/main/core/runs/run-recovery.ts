import type { Run } from '../../../shared/domain'
import type { SessionManager } from '../sessions/session-manager'
import type { RunDeps } from './run-context'
import { listRuns } from './run.repository'
import { moveRun, patchRun } from './run-transition'

export interface RecoveryHandlers {
  onSignal(run: Run, hook: string, payload: Record<string, unknown>): Promise<void>
  onExit(sessionId: string, code: number, signal: number | null): Promise<void>
  /** A validation that died with the previous core: run it again (the work is in the worktree). */
  onInterruptedValidation(run: Run, agentAlive: boolean): Promise<void>
}

/**
 * At start: agents kept running in the pty host while the core was down. Reattach the live ones, settle
 * the ones that exited, mark the ones whose process is gone as lost (worktree and scrollback kept), and
 * replay hook signals that arrived while no engine was listening.
 */
export async function recoverRuns(deps: RunDeps, sessions: SessionManager, handlers: RecoveryHandlers): Promise<void> {
  const hosted = new Map((await sessions.list()).map((s) => [s.id, s]))
  const runs = await listRuns(deps.store.db, { states: ['preparing', 'running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land'] })
  for (const run of runs) {
    const session = run.sessionId ? hosted.get(run.sessionId) : undefined
    if (run.state === 'validating') {
      const now = session ? (await sessions.attach(session.id)).session : undefined
      await handlers.onInterruptedValidation(run, Boolean(now && !now.exit))
      continue
    }
    if (!session && run.state === 'preparing') {
      // Cut short before its agent started: nothing runs, nothing to resume; a restart prepares it again.
      await deps.store.write((tx) => moveRun(tx, run.id, 'failed', { activity: 'exited' }, 'interrupted while preparing (Flightdeck stopped); restart it'))
      continue
    }
    if (!session) {
      if (run.state === 'ready_to_merge' || run.state === 'queued_to_land') {
        if (run.activity !== 'exited') await deps.store.write((tx) => patchRun(tx, run, { activity: 'exited' }))
        continue
      }
      await deps.store.write((tx) =>
        moveRun(tx, run.id, 'lost', { activity: 'exited' }, 'the agent process ended while Flightdeck was not watching; resume it to continue')
      )
      continue
    }
    // The state at attach time, not at list time: an agent that exits in between sends no exit event to
    // an attachment made after it, so its run would stay `running` forever.
    const { session: now } = await sessions.attach(session.id)
    if (now.exit) {
      // Exited while nobody listened: settled like a live exit.
      await handlers.onExit(now.id, now.exit.code, now.exit.signal)
      continue
    }
    for (const signal of await missedSignals(deps, run.id)) await handlers.onSignal(run, signal.hook, signal.payload)
  }
}

async function missedSignals(deps: RunDeps, runId: string): Promise<{ hook: string; payload: Record<string, unknown> }[]> {
  const lastMove = await deps.store.db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('entity', '=', runId)
    .where('topic', '=', 'run.updated')
    .executeTakeFirst()
  const rows = await deps.store.db
    .selectFrom('events')
    .select('payload')
    .where('entity', '=', runId)
    .where('topic', '=', 'run.signal')
    .where('seq', '>', lastMove?.seq ?? 0)
    .orderBy('seq')
    .execute()
  return rows.map((r) => JSON.parse(r.payload) as { hook: string; payload: Record<string, unknown> })
}
