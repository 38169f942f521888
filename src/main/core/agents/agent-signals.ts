/**
 * The signals every agent profile reports, whatever its CLI calls them. Claude Code's hook names are the
 * vocabulary (they were first); another CLI's hooks, notify commands, plugins or event streams are mapped onto
 * these by its profile. Each arrives as `flightdeck run signal <run> --hook <name>` with a JSON payload (stdin,
 * or one trailing argument for CLIs that pass it so, like Codex's `notify`).
 *
 * A payload's `session_id` (or `sessionId`, `thread_id`, `thread-id`, `conversation_id`) is the agent's own
 * conversation id: the run keeps it so that resume continues this conversation, never "the last one".
 */
export const agentSignals = [
  /** A session began or resumed; its payload carries the agent's conversation id. */
  'SessionStart',
  /** A prompt was submitted: the agent works. */
  'UserPromptSubmit',
  /** The agent's turn ended: it waits at its prompt (its work is validated). */
  'Stop',
  /** The agent needs the person (a permission prompt, a question, idle at its prompt). */
  'Notification',
  /** The agent compacts its context: still working, and quiet while it does (the stall time stretches). */
  'PreCompact',
  'PostCompact',
  /** A subagent started or ended: the run works while the main loop is quiet. */
  'SubagentStart',
  'SubagentStop',
  /** A tool is about to run or has run: the agent is working. */
  'PreToolUse',
  'PostToolUse',
  /** The agent called Flightdeck's mark_complete (or wrote implementation-complete.json). */
  'implementation-complete'
] as const
export type AgentSignal = (typeof agentSignals)[number]

const sessionKeys = ['session_id', 'sessionId', 'thread_id', 'thread-id', 'conversation_id', 'conversationId'] as const

/** The agent's conversation id a signal carries, if any (ids are short tokens; anything else is ignored). */
export function signalSessionId(payload: Record<string, unknown>): string | undefined {
  for (const key of sessionKeys) {
    const value = payload[key]
    if (typeof value === 'string' && /^[\w.:-]{1,200}$/.test(value)) return value
  }
  return undefined
}
