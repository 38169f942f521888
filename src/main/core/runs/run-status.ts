import type { Run } from '../../../shared/domain'
import { signalSessionId } from '../agents/agent-signals'
import { now } from '../ids'

/** Signals that mean the agent is busy even when its terminal is quiet (a tool, a compaction, a subagent). */
export const workingSignals: ReadonlySet<string> = new Set(['UserPromptSubmit', 'PreToolUse', 'PostToolUse', 'PreCompact', 'SubagentStart', 'SubagentStop'])

/** Where a signal's activity came from, as the run keeps it ("hook:Stop"), and when. */
export function signalStatus(hook: string): { activity_source: string; activity_at: string } {
  return { activity_source: `hook:${hook}`, activity_at: now() }
}

/** The agent's conversation id a signal carries, when it is new to the run. */
export function sessionPatch(run: Run, payload: Record<string, unknown>): { agent_session_id?: string } {
  const id = signalSessionId(payload)
  return id && id !== run.agentSessionId ? { agent_session_id: id } : {}
}
