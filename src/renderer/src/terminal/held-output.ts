/**
 * While output streams, a terminal hands it to xterm at most this often. Every write that lands between
 * frames costs a frame (a full repaint of the DOM rows, ~9 ms of main thread here), so writing each 64k message
 * as it came spent most of the thread on frames; 20 writes a second leave it to parsing. Output after a quiet
 * spell (an echo, a prompt) is written at once.
 */
export const STREAM_HOLD_MS = 50
/** Written at once when this much is held, whatever the time. */
const HOLD_MAX_CHARS = 512 * 1024

/**
 * One clock for every terminal holding streaming output: they all write on the same tick, so several
 * streaming terminals (a grid) cost one frame per tick instead of a frame each at scattered times, and an
 * echo in the terminal being typed into rarely queues behind someone else's repaint.
 */
class OutputClock {
  private readonly due = new Set<() => void>()
  private timer = 0

  constructor(private readonly intervalMs: number) {}

  /** Runs `flush` on the next tick (once, however often it is scheduled before then). */
  schedule(flush: () => void): void {
    this.due.add(flush)
    this.timer ||= window.setTimeout(() => this.tick(), this.intervalMs)
  }

  cancel(flush: () => void): void {
    this.due.delete(flush)
  }

  private tick(): void {
    this.timer = 0
    const flushes = [...this.due]
    this.due.clear()
    for (const flush of flushes) flush()
  }
}

const clock = new OutputClock(STREAM_HOLD_MS)
/**
 * Terminals without focus (grid tiles being watched, not typed into) write less often, on their own clock:
 * fewer of their repaints for the focused terminal's echo to queue behind (grid bench, 19 streaming: echo p95
 * 27 ms with one 50 ms clock for all, 24 ms with this).
 */
const backgroundClock = new OutputClock(150)

/**
 * A terminal's output on its way to xterm: at once after a quiet spell, else on the next tick of the shared
 * clock (the background one while `focused` says no).
 */
export class HeldOutput {
  private chunks: string[] = []
  private chars = 0
  private holding = false
  private lastWrite = 0
  private readonly tick = () => this.flush()

  private clock = clock

  constructor(private readonly write: (data: string) => void, private readonly focused: () => boolean = () => true) {}

  push(data: string): void {
    this.chunks.push(data)
    this.chars += data.length
    if (this.holding) {
      if (this.chars >= HOLD_MAX_CHARS) this.flush()
      return
    }
    if (performance.now() - this.lastWrite >= STREAM_HOLD_MS) return this.flush()
    this.holding = true
    this.clock = this.focused() ? clock : backgroundClock
    this.clock.schedule(this.tick)
  }

  /** Writes whatever is held now (before the exit notice, say). */
  flush(): void {
    this.clock.cancel(this.tick)
    this.holding = false
    if (!this.chars) return
    const data = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('')
    this.clear()
    this.lastWrite = performance.now()
    this.write(data)
  }

  /** Drops what is held (a new snapshot replaces the screen, or the view goes away). */
  clear(): void {
    this.clock.cancel(this.tick)
    this.holding = false
    this.chunks = []
    this.chars = 0
  }
}
