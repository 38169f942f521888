import type { Streams, TerminalSnapshot } from '../../../shared/contract'
import type { SessionManager } from '../sessions/session-manager'

type Listener = (message: Streams['terminal']) => void

/** A viewer between asking for the history and getting it: the output printed meanwhile, kept for it. */
interface Opening {
  chunks: { data: string; pos: number }[]
  exit?: number | null
}

/**
 * Fans session output out to the viewers watching it and carries their acks back to the pty host.
 * A session nobody watches is acked at once, so background agents keep running while the host's
 * mirror keeps their history; a watched one is paused by the host when its viewer falls behind.
 */
export class TerminalHub {
  private readonly watchers = new Map<string, Set<Listener>>()
  private readonly openings = new Map<string, Set<Opening>>()
  /** Characters sent to viewers and not yet acked, per session. */
  private readonly pending = new Map<string, number>()
  private readonly lastOutput = new Map<string, number>()
  private readonly disposers: (() => void)[]

  constructor(private readonly sessions: SessionManager) {
    this.disposers = [
      sessions.onData(({ id, data, pos }) => {
        this.lastOutput.set(id, Date.now())
        for (const opening of this.openings.get(id) ?? []) opening.chunks.push({ data, pos })
        const set = this.watchers.get(id)
        if (!set?.size) return this.sessions.ack(id, data.length)
        this.pending.set(id, (this.pending.get(id) ?? 0) + data.length)
        for (const listener of set) listener({ data })
      }),
      sessions.onExit(({ id, code }) => {
        for (const opening of this.openings.get(id) ?? []) opening.exit = code
        for (const listener of this.watchers.get(id) ?? []) listener({ exit: code })
      })
    ]
  }

  /**
   * Watches a session from its history on: `take` fetches the snapshot (ending at stream position `pos`) while
   * the output printed meanwhile is collected, so the viewer gets the snapshot, then exactly what followed it,
   * neither lost nor doubled, then the live stream.
   */
  async watchFrom(sessionId: string, take: () => Promise<{ snapshot: TerminalSnapshot; pos: number }>, listener: Listener): Promise<() => void> {
    const opening: Opening = { chunks: [] }
    const set = this.openings.get(sessionId) ?? new Set()
    set.add(opening)
    this.openings.set(sessionId, set)
    let taken: { snapshot: TerminalSnapshot; pos: number }
    try {
      taken = await take()
    } finally {
      set.delete(opening)
      if (!set.size) this.openings.delete(sessionId)
    }
    listener({ snapshot: taken.snapshot })
    for (const { data, pos } of opening.chunks) {
      const skip = taken.pos - pos
      if (skip < data.length) listener({ data: skip > 0 ? data.slice(skip) : data })
    }
    if (opening.exit !== undefined) listener({ exit: opening.exit })
    return this.watch(sessionId, listener)
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
