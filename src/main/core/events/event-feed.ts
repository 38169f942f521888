import type { EventEnvelope } from '../../../shared/contract'
import type { EventLog } from './event-log'

export type EventListener = (event: EventEnvelope) => void

/**
 * Publishes committed events in commit order. The database is the bus: after a local commit the feed
 * polls at once, and a timer picks up events committed by other processes sharing the file (the CLI
 * writing while `flightdeck serve` runs), so every client sees every change once, in order.
 */
export class EventFeed {
  private readonly listeners = new Set<EventListener>()
  private cursor: number
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly log: EventLog,
    private readonly intervalMs = 250
  ) {
    this.cursor = log.lastSeq()
  }

  start(): void {
    this.timer ??= setInterval(() => this.poll(), this.intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get listenerCount(): number {
    return this.listeners.size
  }

  get lastSeq(): number {
    return this.cursor
  }

  poll(): void {
    for (;;) {
      const batch = this.log.since(this.cursor, 500)
      for (const event of batch) {
        this.cursor = event.seq
        for (const listener of this.listeners) {
          try {
            listener(event)
          } catch (error) {
            console.error(`event listener failed on ${event.topic}:`, error)
          }
        }
      }
      if (batch.length < 500) return
    }
  }
}
