import type { Client } from '../../../shared/transport'

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
const isUnavailable = (error: unknown) => (error as { code?: string } | null)?.code === 'unavailable'

/**
 * Sends what the user types to one session, in order and exactly once across reconnects: one frame in
 * flight at a time (keys typed meanwhile are joined into the next), each numbered under this viewer's id.
 * A frame whose answer is lost to a dropped connection is sent again with the same number once the
 * connection is back; the pty host drops numbers it has already written, so it is never written twice and
 * never reported as lost. Only a refusal from the core (the session ended, bad input) is reported.
 */
export class InputQueue {
  readonly clientId = `t${Math.random().toString(36).slice(2, 12)}${Date.now().toString(36)}`
  private seq = 0
  private pending = ''
  private inFlight: { seq: number; data: string } | null = null
  private retry: ReturnType<typeof setTimeout> | undefined
  private disposed = false

  constructor(
    private readonly client: Client,
    private readonly sessionId: () => string | null,
    private readonly onRefused: (message: string) => void,
    private readonly retryMs = 500
  ) {}

  push(data: string): void {
    this.pending += data
    this.pump()
  }

  /** Frames not yet confirmed (in flight or waiting). */
  get unconfirmed(): number {
    return (this.inFlight ? 1 : 0) + (this.pending ? 1 : 0)
  }

  dispose(): void {
    this.disposed = true
    clearTimeout(this.retry)
  }

  private pump(): void {
    if (this.disposed || this.inFlight || !this.pending) return
    this.inFlight = { seq: ++this.seq, data: this.pending }
    this.pending = ''
    this.send()
  }

  private send(): void {
    const frame = this.inFlight
    const sessionId = this.sessionId()
    if (!frame || !sessionId || this.disposed) return
    this.client.invoke('terminal.input', { sessionId, data: frame.data, clientId: this.clientId, seq: frame.seq }).then(
      () => {
        this.inFlight = null
        this.pump()
      },
      (error: unknown) => {
        if (isUnavailable(error)) {
          // Delivered or not, we cannot know: the same frame again later; the host writes it at most once.
          this.retry = setTimeout(() => this.send(), this.retryMs)
          return
        }
        this.inFlight = null
        this.onRefused(messageOf(error))
        this.pump()
      }
    )
  }
}
