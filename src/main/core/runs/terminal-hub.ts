import type { Streams } from '../../../shared/contract'
import type { SessionManager } from '../sessions/session-manager'

type Listener = (message: Streams['terminal']) => void

/**
 * Fans session output out to the viewers watching it and carries their acks back to the pty host.
 * A session nobody watches is acked at once, so background agents keep running while the host's
 * mirror keeps their history; a watched one is paused by the host when its viewer falls behind.
 */
export class TerminalHub {
  private readonly watchers = new Map<string, Set<Listener>>()
  /** Characters sent to viewers and not yet acked, per session. */
  private readonly pending = new Map<string, number>()
  private readonly lastOutput = new Map<string, number>()
  private readonly disposers: (() => void)[]

  constructor(private readonly sessions: SessionManager) {
    this.disposers = [
      sessions.onData(({ id, data }) => {
        this.lastOutput.set(id, Date.now())
        const set = this.watchers.get(id)
        if (!set?.size) return this.sessions.ack(id, data.length)
        this.pending.set(id, (this.pending.get(id) ?? 0) + data.length)
        for (const listener of set) listener({ data })
      }),
      sessions.onExit(({ id, code }) => {
        for (const listener of this.watchers.get(id) ?? []) listener({ exit: code })
      })
    ]
  }

  watch(sessionId: string, listener: Listener): () => void {
    const set = this.watchers.get(sessionId) ?? new Set()
    set.add(listener)
    this.watchers.set(sessionId, set)
    return () => {
      set.delete(listener)
      if (set.size > 0) return
      this.watchers.delete(sessionId)
      // Nobody will ack what the last viewer left unread: release it so the agent is not held paused.
      const unread = this.pending.get(sessionId) ?? 0
      this.pending.delete(sessionId)
      if (unread > 0) this.sessions.ack(sessionId, unread)
    }
  }

  ack(sessionId: string, chars: number): void {
    const unread = this.pending.get(sessionId) ?? 0
    const credit = Math.min(chars, unread)
    if (credit <= 0) return
    this.pending.set(sessionId, unread - credit)
    this.sessions.ack(sessionId, credit)
  }

  /** Milliseconds since the session last printed, or undefined if not seen by this process. */
  idleFor(sessionId: string): number | undefined {
    const last = this.lastOutput.get(sessionId)
    return last === undefined ? undefined : Date.now() - last
  }

  dispose(): void {
    for (const d of this.disposers) d()
    this.watchers.clear()
  }
}
