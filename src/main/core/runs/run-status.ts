import type { Run } from '../../../shared/domain'
import { signalSessionId } from '../agents/agent-signals'
import type { RunUpdate } from '../db/tables/run.table'
import { now } from '../ids'

/**
 * One status machine per run. Every input lands here as a patch of (activity, activity_source, activity_at):
 * the agent's signals (hooks, notify, plugins), its MCP calls, its process (start, exit) and its terminal
 * (an interrupt typed by the operator, output after silence, silence past the policy's stall time).
 */

/** Runs whose agent may still be there; ready_to_merge and queued_to_land: done, the agent may sit at its prompt. */
export const live: readonly Run['state'][] = ['running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land']
export const finishedWork: readonly Run['state'][] = ['ready_to_merge', 'queued_to_land']

/** Signals that mean the agent is busy even when its terminal is quiet (a tool, a compaction, a subagent). */
export const workingSignals: ReadonlySet<string> = new Set(['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PreCompact', 'PostCompact', 'SubagentStart', 'SubagentStop'])

/** Keys typed into an agent's terminal that interrupt its turn without any hook firing (Esc, Ctrl-C). */
export function isInterrupt(data: string): boolean {
  return data === '\x1b' || data === '\x03'
}

export function statusFrom(source: string, activity?: Run['activity']): RunUpdate {
  return { ...(activity ? { activity } : {}), activity_source: source, activity_at: now() }
}

/** The agent's conversation id a signal carries, when it is new to the run. */
export function sessionPatch(run: Run, payload: Record<string, unknown>): { agent_session_id?: string } {
  const id = signalSessionId(payload)
  return id && id !== run.agentSessionId ? { agent_session_id: id } : {}
}

const STALLED = 'stalled: '
/** A compaction is quiet by nature: it gets this many stall times before it counts as stuck. */
const COMPACTION_GRACE = 3

/**
 * What silence or renewed output means for a running agent. `quietMs`: since its last output or signal,
 * whichever is later. A working (or never-heard-from) agent quiet past the stall time is stalled; an agent
 * that is idle or needs input is waiting for a person, which is not stuck. Output after a stall clears it.
 */
export function quietVerdict(run: Run, quietMs: number, stallMs: number, outputSinceMark: boolean): RunUpdate | undefined {
  const stalled = run.activity === 'stalled'
  if (stalled && outputSinceMark) return { ...statusFrom('terminal:output', 'working'), detail: run.detail?.startsWith(STALLED) ? null : run.detail }
  if (stalled || (run.activity !== 'working' && run.activity !== 'unknown')) return undefined
  const allowed = run.activitySource === 'hook:PreCompact' ? stallMs * COMPACTION_GRACE : stallMs
  if (quietMs <= allowed) return undefined
  const what = run.activity === 'unknown' ? 'no signal and no output' : 'no output and no signal'
  return { ...statusFrom('terminal:quiet', 'stalled'), detail: `${STALLED}${what} for ${Math.round(quietMs / 1_000)} s` }
}
