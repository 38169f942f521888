import type { Run } from '../../../shared/domain'
import { now } from '../ids'
import type { RunDeps } from './run-context'
import { runPolicy } from './run-context'
import { listRuns } from './run.repository'
import { patchRun } from './run-transition'
import type { TerminalHub } from './terminal-hub'

const STALLED = 'stalled: '

/**
 * Marks running agents that have printed nothing for the policy's stall time (and clears the mark when
 * they speak again), and keeps each run's last-output time, so the board can show who is stuck.
 */
export async function checkHealth(deps: RunDeps, hub: TerminalHub): Promise<void> {
  for (const run of await listRuns(deps.store.db, { state: 'running' })) {
    if (!run.sessionId) continue
    const idle = hub.idleFor(run.sessionId)
    const lastOutput = idle === undefined ? null : new Date(Date.now() - idle).toISOString()
    const { health } = await runPolicy(deps.store, run.id)
    const quietFor = idle ?? Date.now() - Date.parse(run.updatedAt)
    const stalled = run.activity === 'working' || run.activity === 'unknown' ? quietFor > health.stallSeconds * 1_000 : false
    const patch = healthPatch(run, stalled, quietFor, lastOutput)
    if (patch) await deps.store.write((tx) => patchRun(tx, run, patch))
  }
}

function healthPatch(run: Run, stalled: boolean, quietFor: number, lastOutput: string | null) {
  const marked = run.detail?.startsWith(STALLED) ?? false
  const outputMoved = lastOutput !== null && (!run.lastOutputAt || Date.parse(lastOutput) - Date.parse(run.lastOutputAt) > 10_000)
  if (stalled && !marked) return { detail: `${STALLED}no output for ${Math.round(quietFor / 1_000)} s`, last_output_at: lastOutput, updated_at: now() }
  if (!stalled && marked) return { detail: null, last_output_at: lastOutput }
  if (outputMoved) return { last_output_at: lastOutput }
  return undefined
}
