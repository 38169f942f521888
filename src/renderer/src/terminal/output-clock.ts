/**
 * One clock for every terminal holding streaming output: they all write on the same tick, so several
 * streaming terminals (a grid) cost one frame per tick instead of a frame each at scattered times, and an
 * echo in the terminal being typed into rarely queues behind someone else's repaint.
 */
export class OutputClock {
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
