import type { HostSession } from './host-session'
import { persistScrollback } from './scrollback.store'

export interface PersisterOptions {
  /** Persist a changed session at most this often. */
  intervalMs?: number
  /** Share of one core the persist loop may use; serialize() of a full scrollback costs tens of ms. */
  cpuShare?: number
}

/**
 * Writes each changed session's serialized scrollback to disk so history survives a host kill -9.
 * One session at a time, oldest first, and throttled by measured cost: with 100 busy sessions a
 * naive "every session every 2 s" would spend whole seconds per round serializing.
 */
export class ScrollbackPersister {
  private readonly lastPersisted = new Map<string, number>()
  private readonly intervalMs: number
  private readonly cpuShare: number
  private timer: NodeJS.Timeout | undefined
  private busy = false
  private notBefore = 0

  constructor(
    private readonly home: string,
    private readonly sessions: () => Iterable<HostSession>,
    opts: PersisterOptions = {}
  ) {
    this.intervalMs = opts.intervalMs ?? 2_000
    this.cpuShare = opts.cpuShare ?? 0.1
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), Math.min(250, this.intervalMs))
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }

  async persistNow(session: HostSession): Promise<void> {
    session.mirror.dirty = false
    const serialized = await session.mirror.snapshot()
    persistScrollback(this.home, session.info.id, serialized)
    this.lastPersisted.set(session.info.id, Date.now())
  }

  forget(sessionId: string): void {
    this.lastPersisted.delete(sessionId)
  }

  private async tick(): Promise<void> {
    const now = Date.now()
    if (this.busy || now < this.notBefore) return
    let next: HostSession | undefined
    let oldest = Infinity
    for (const s of this.sessions()) {
      const last = this.lastPersisted.get(s.info.id) ?? 0
      if (s.mirror.dirty && now - last >= this.intervalMs && last < oldest) {
        next = s
        oldest = last
      }
    }
    if (!next) return
    this.busy = true
    const started = performance.now()
    try {
      await this.persistNow(next)
    } catch {
      // disk full or home removed: keep serving the live sessions, try again next round
    } finally {
      this.busy = false
      const cost = performance.now() - started
      this.notBefore = Date.now() + cost * (1 / this.cpuShare - 1)
    }
  }
}
