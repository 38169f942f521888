import type { Run } from '../../../shared/domain'
import { now } from '../ids'
import type { RunDeps } from './run-context'
import { runPolicy } from './run-context'
import { escalate } from './run-escalation'
import { listRuns } from './run.repository'
import { quietVerdict } from './run-status'
import { patchRun } from './run-transition'
import type { TerminalHub } from './terminal-hub'

const IDLE = 'idle: '

/**
 * The policy's health rules for running agents, on every tick: a working agent silent past `stallSeconds`
 * (no output, no signal) is stalled — blocked work, and an inbox thread with its last output; output clears
 * it. An agent waiting at its prompt past `idleSeconds` while its run is unfinished gets the operator a
 * thread too. Each run's last-output time is kept for the board.
 */
export async function checkHealth(deps: RunDeps, hub: TerminalHub): Promise<void> {
  for (const run of await listRuns(deps.store.db, { state: 'running' })) {
    if (!run.sessionId) continue
    const idle = hub.idleFor(run.sessionId)
    const lastOutputMs = idle === undefined ? undefined : Date.now() - idle
    const lastSignalMs = Date.parse(run.activityAt ?? run.updatedAt)
    const quietMs = Date.now() - Math.max(lastOutputMs ?? 0, lastSignalMs)
    const { health } = await runPolicy(deps.store, run.id)
    const outputSinceMark = lastOutputMs !== undefined && lastOutputMs > lastSignalMs
    const verdict = quietVerdict(run, quietMs, health.stallSeconds * 1_000, outputSinceMark)
    const lastOutput = lastOutputMs === undefined ? null : new Date(lastOutputMs).toISOString()
    const outputMoved = lastOutput !== null && (!run.lastOutputAt || Date.parse(lastOutput) - Date.parse(run.lastOutputAt) > 10_000)
    if (verdict) {
      const after = await deps.store.write((tx) => patchRun(tx, run, { ...verdict, last_output_at: lastOutput ?? run.lastOutputAt, updated_at: now() }))
      if (after.activity === 'stalled') await escalate(deps, after, 'Agent stalled', `its agent has printed nothing and sent no signal for ${Math.round(quietMs / 1_000)} s (policy health.stallSeconds is ${health.stallSeconds})`)
    } else if (waitingTooLong(run, quietMs, health.idleSeconds)) {
      const minutes = Math.round(quietMs / 60_000)
      const after = await deps.store.write((tx) => patchRun(tx, run, { detail: `${IDLE}waiting at its prompt for ${minutes} min`, last_output_at: lastOutput }))
      await escalate(deps, after, 'Agent waiting', `its agent has waited at its prompt for ${minutes} min while the run is unfinished (policy health.idleSeconds is ${health.idleSeconds})`)
    } else if (outputMoved) {
      await deps.store.write((tx) => patchRun(tx, run, { last_output_at: lastOutput }))
    }
  }
}

function waitingTooLong(run: Run, quietMs: number, idleSeconds: number): boolean {
  if (run.activity !== 'idle' && run.activity !== 'needs_input') return false
  return quietMs > idleSeconds * 1_000 && !run.detail?.startsWith(IDLE)
}
