import type { Store } from '../store'
import { recordUsageBatch, type UsageDraft } from './usage.repository'

interface Pending {
  drafts: UsageDraft[]
  done: (error?: unknown) => void
}

/** Calls one transaction takes at most; the rest wait for the next turn of the event loop. */
const batchCalls = 200

/**
 * Telemetry of many agents arrives in bursts (their exporters run on the same interval). Recording each
 * export in its own transaction costs three queries each and, worse, drains as one long chain of microtasks
 * (the store's single connection is handed on through promises), stalling the core for tens of milliseconds.
 * Exports are queued instead and written a batch per macrotask; each export is answered once it is committed.
 */
export class IngestQueue {
  private queue: Pending[] = []
  private pumping = false

  constructor(private readonly store: Store) {}

  add(drafts: UsageDraft[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ drafts, done: (error) => (error ? reject(error) : resolve()) })
      if (!this.pumping) void this.pump()
    })
  }

  private async pump(): Promise<void> {
    this.pumping = true
    try {
      while (this.queue.length) {
        await new Promise((resolve) => setImmediate(resolve))
        const batch: Pending[] = []
        let calls = 0
        while (this.queue.length && (calls === 0 || calls + this.queue[0]!.drafts.length <= batchCalls)) {
          const next = this.queue.shift()!
          calls += next.drafts.length
          batch.push(next)
        }
        try {
          await this.store.write((tx) => recordUsageBatch(tx, batch.flatMap((p) => p.drafts)))
          for (const p of batch) p.done()
        } catch (error) {
          for (const p of batch) p.done(error)
        }
      }
    } finally {
      this.pumping = false
    }
  }
}
