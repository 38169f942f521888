import { spawnPty, type PtyExit, type PtyProcess } from './pty.adapter'
import type { HostMessage, InputKey, SessionInfo, SpawnArgs } from './pty-host.protocol'
import { ScrollbackMirror } from './scrollback.mirror'

/** A client connection as the session sees it. */
export interface SessionSink {
  send(msg: HostMessage): void
}

/**
 * Pause above 1M unacknowledged chars, resume below 250k. VS Code's 100k/5k suits a viewer next door; here
 * output crosses two processes and a WebSocket and the viewer writes it in 50 ms slices while it streams,
 * so 100k kept the pipe empty most of the time (5 MiB/s into the browser instead of 10+). A flood still
 * stops within 1M chars of a slow or gone viewer: about 50 ms of xterm parsing.
 */
export const FLOW_HIGH_WATERMARK = 1_000_000
export const FLOW_LOW_WATERMARK = 250_000
/**
 * The mirror parses in a worker and reports back per 64k post. It gets its own band, wider than a viewer's, so
 * a slow viewer (not the history) is what holds a flood back, and the mirror only when it falls far behind
 * (at most ~2M chars per session).
 */
const MIRROR_HIGH_WATERMARK = 2_000_000
const MIRROR_LOW_WATERMARK = 500_000
/** Coalesce output for this long (Hyper uses 16 ms) unless a batch grows past BATCH_MAX_CHARS. */
const BATCH_MS = 8
const BATCH_MAX_CHARS = 64 * 1024
const IDLE_UNACKED = 8_192

interface Attachment {
  /** Stream position (chars) the client's view starts at: everything before is in its scrollback. */
  fromPos: number
  /** False while the attach response (the snapshot) is still being prepared. */
  ready: boolean
  queue: HostMessage[]
  unacked: number
}

/** One pty in the host: the process, its scrollback mirror, output batching and flow control. */
export class HostSession {
  readonly info: SessionInfo
  readonly mirror: ScrollbackMirror
  private readonly pty: PtyProcess
  private readonly attachments = new Map<SessionSink, Attachment>()
  /** The last input frame written per typing client (see write). */
  private readonly lastSeq = new Map<string, number>()
  private total = 0
  private batch = ''
  private batchStart = 0
  private batchTimer: NodeJS.Timeout | undefined
  private paused = false
  /** Pause/resume cycles so far: the bench reports them to show how often the pipe ran dry. */
  private pauses = 0

  constructor(args: SpawnArgs, onExit: (session: HostSession) => void) {
    const [file, ...rest] = args.argv as [string, ...string[]]
    this.pty = spawnPty(file, rest, {
      cwd: args.cwd,
      env: args.env ?? (process.env as Record<string, string>),
      cols: args.cols,
      rows: args.rows
    })
    this.mirror = new ScrollbackMirror(args.id, args.cols, args.rows, args.scrollbackLines)
    this.mirror.onParsed = () => this.updateFlow()
    this.info = { id: args.id, pid: this.pty.pid, argv: args.argv, cwd: args.cwd, cols: args.cols, rows: args.rows, exit: null }
    this.pty.onData((chunk) => this.handleData(chunk))
    this.pty.onExit((exit) => this.handleExit(exit, onExit))
  }

  get stats() {
    let unacked = 0
    for (const a of this.attachments.values()) unacked = Math.max(unacked, a.unacked)
    return { id: this.info.id, unacked, mirrorPending: this.mirror.pending, paused: this.paused, pauses: this.pauses }
  }

  /**
   * Writes input to the agent. With a key, a frame numbered at or below the client's last written one is a
   * re-send (the client lost the answer in a reconnect, or `serve` restarted) and is dropped: the host outlives
   * `serve`, so each frame reaches the agent exactly once.
   */
  write(data: string, key?: InputKey): void {
    if (this.info.exit) return
    if (key) {
      if ((this.lastSeq.get(key.clientId) ?? 0) >= key.seq) return
      this.lastSeq.set(key.clientId, key.seq)
    }
    this.pty.write(data)
  }

  resize(cols: number, rows: number): void {
    if (this.info.exit) return
    this.pty.resize(cols, rows)
    this.mirror.resize(cols, rows)
    Object.assign(this.info, { cols, rows })
  }

  kill(signal: NodeJS.Signals = 'SIGHUP'): void {
    if (!this.info.exit) this.pty.kill(signal)
  }

  /** Snapshot for the client; call the returned activate() right after sending the response. */
  async attach(sink: SessionSink): Promise<{ scrollback: string; activate: () => void }> {
    const attachment: Attachment = { fromPos: this.total, ready: false, queue: [], unacked: 0 }
    this.attachments.set(sink, attachment)
    const scrollback = await this.mirror.snapshot()
    return {
      scrollback,
      activate: () => {
        if (this.attachments.get(sink) !== attachment) return
        attachment.ready = true
        for (const msg of attachment.queue) sink.send(msg)
        attachment.queue = []
      }
    }
  }

  /** The history up to now and the stream position it ends at; no attachment changes. */
  async snapshot(): Promise<{ scrollback: string; pos: number }> {
    // Read before awaiting: the mirror has been handed exactly `total` chars when the snapshot is queued.
    const pos = this.total
    return { scrollback: await this.mirror.snapshot(), pos }
  }

  /** A freshly spawned session streams to its spawner from position 0, with no snapshot. */
  attachFromStart(sink: SessionSink): void {
    this.attachments.set(sink, { fromPos: 0, ready: true, queue: [], unacked: 0 })
  }

  detach(sink: SessionSink): void {
    if (this.attachments.delete(sink)) this.updateFlow()
  }

  ack(sink: SessionSink, chars: number): void {
    const a = this.attachments.get(sink)
    if (!a) return
    a.unacked = Math.max(0, a.unacked - chars)
    this.updateFlow()
  }

  dispose(): void {
    this.kill('SIGHUP')
    clearTimeout(this.batchTimer)
    this.attachments.clear()
    this.mirror.dispose()
  }

  private handleData(chunk: string): void {
    this.mirror.write(chunk)
    this.total += chunk.length
    this.batch += chunk
    // Leading edge: output after a quiet spell (a keystroke's echo) goes out at once; what follows while it is
    // still in flight is coalesced for BATCH_MS.
    if (this.batch.length >= BATCH_MAX_CHARS || (this.batchTimer === undefined && this.nothingInFlight())) this.flushBatch()
    else this.batchTimer ??= setTimeout(() => this.flushBatch(), BATCH_MS)
    this.updateFlow()
  }

  /**
   * Viewers ack in batches (the app every 5,000 chars parsed), so an idle terminal keeps its last few echoes
   * unacked: below IDLE_UNACKED counts as nothing in flight, or every echo would wait out BATCH_MS.
   */
  private nothingInFlight(): boolean {
    for (const a of this.attachments.values()) if (a.unacked >= IDLE_UNACKED) return false
    return true
  }

  private flushBatch(): void {
    clearTimeout(this.batchTimer)
    this.batchTimer = undefined
    if (!this.batch) return
    for (const [sink, a] of this.attachments) {
      const pos = Math.max(a.fromPos, this.batchStart)
      const data = this.batch.slice(pos - this.batchStart)
      if (!data) continue
      a.unacked += data.length
      this.deliver(sink, a, { t: 'data', id: this.info.id, data, pos })
    }
    this.batch = ''
    this.batchStart = this.total
  }

  private deliver(sink: SessionSink, a: Attachment, msg: HostMessage): void {
    if (a.ready) sink.send(msg)
    else a.queue.push(msg)
  }

  private handleExit(exit: PtyExit, onExit: (session: HostSession) => void): void {
    this.flushBatch()
    this.info.exit = exit
    for (const [sink, a] of this.attachments) {
      this.deliver(sink, a, { t: 'exit', id: this.info.id, code: exit.code, signal: exit.signal })
    }
    onExit(this)
  }

  /**
   * Pause while any attached client or the mirror is too far behind; a session nobody is attached
   * to is only held back by the mirror, so it never stays paused for lack of acks.
   */
  private updateFlow(): void {
    if (this.info.exit) return
    let lag = 0
    for (const a of this.attachments.values()) lag = Math.max(lag, a.unacked)
    const mirror = this.mirror.pending
    if (!this.paused && (lag > FLOW_HIGH_WATERMARK || mirror > MIRROR_HIGH_WATERMARK)) {
      this.paused = true
      this.pauses++
      this.pty.pause()
    } else if (this.paused && lag < FLOW_LOW_WATERMARK && mirror < MIRROR_LOW_WATERMARK) {
      this.paused = false
      this.pty.resume()
    }
  }
}
