import type { SessionManager } from '../sessions/session-manager'

/** Long enough for a TUI to take the text as typed before the Enter that submits it. */
const ENTER_AFTER_MS = 300

/**
 * Types a message into an agent's prompt and submits it: the text, then Enter on its own, because a TUI reads
 * one chunk ending in a return as a paste and leaves it unsent. A gone session is not an error here.
 */
export async function typeToAgent(sessions: SessionManager, sessionId: string, text: string): Promise<void> {
  await sessions.write(sessionId, text).catch(() => undefined)
  await new Promise((resolve) => setTimeout(resolve, ENTER_AFTER_MS))
  await sessions.write(sessionId, '\r').catch(() => undefined)
}
