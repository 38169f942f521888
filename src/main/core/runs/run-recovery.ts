import type { Run } from '../../../shared/domain'
import type { SessionManager } from '../sessions/session-manager'
import type { RunDeps } from './run-context'
import { listRuns } from './run.repository'
import { preparedElsewhere } from './run-launches'
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
      // Unless another live process (a CLI's `run start`) is preparing it right now.
      if (!(await preparedElsewhere(deps.store.db, run.id))) await failInterrupted(deps, run, 'Flightdeck stopped')
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

function failInterrupted(deps: RunDeps, run: Run, why: string): Promise<unknown> {
  return deps.store.write((tx) => moveRun(tx, run.id, 'failed', { activity: 'exited' }, `interrupted while preparing (${why}); resume it`))
}

/**
 * On the engine's health tick: a run left in `preparing` by a process that died there (a CLI's `run start`
 * killed part-way) would wait forever. Runs this process prepares, or another live one does, are left alone.
 */
export async function failOrphanedPreparations(deps: RunDeps): Promise<void> {
  for (const run of await listRuns(deps.store.db, { state: 'preparing' })) {
    const row = await deps.store.db.selectFrom('run_launches').select('pid').where('run_id', '=', run.id).executeTakeFirst()
    if (row?.pid === process.pid || (await preparedElsewhere(deps.store.db, run.id))) continue
    // A run of an older build has no launch record: give its preparer time before calling it gone.
    if (!row && Date.now() - Date.parse(run.updatedAt) < 120_000) continue
    await failInterrupted(deps, run, row ? `the process preparing it, pid ${row.pid}, ended` : 'nothing has prepared it for 2 min')
  }
}
