import { Worker } from 'node:worker_threads'

export const DEFAULT_SCROLLBACK_LINES = 5_000

export type MirrorRequest =
  | { t: 'open'; id: string; cols: number; rows: number; scrollback: number }
  | { t: 'write'; id: string; data: string }
  | { t: 'resize'; id: string; cols: number; rows: number }
  | { t: 'snapshot'; id: string; req: number }
  | { t: 'close'; id: string }
export type MirrorReply = { t: 'parsed'; id: string; chars: number } | { t: 'snapshot'; req: number; data: string }

/** Coalesce pty chunks (~4 KB each) into fewer worker messages. */
const POST_MAX_CHARS = 64 * 1024

/**
 * The host's copy of a session's screen: a headless xterm (in the shared mirror worker) fed with
 * every chunk, so a client that (re)attaches gets the history as one serialized string.
 */
export class ScrollbackMirror {
  /** Chars handed over but not parsed yet: the host pauses the pty when this grows too large. */
  pending = 0
  /** Changed since the last persist. */
  dirty = false
  private buffered = ''
  private flushScheduled = false
  private readonly pool = MirrorPool.get()

  constructor(private readonly id: string, cols: number, rows: number, scrollbackLines = DEFAULT_SCROLLBACK_LINES) {
    this.pool.open(this, { t: 'open', id, cols, rows, scrollback: scrollbackLines })
  }

  write(data: string): void {
    this.pending += data.length
    this.dirty = true
    this.buffered += data
    if (this.buffered.length >= POST_MAX_CHARS) this.post()
    else if (!this.flushScheduled) {
      this.flushScheduled = true
      setImmediate(() => this.post())
    }
  }

  /** Everything written so far, serialized (screen + scrollback). */
  snapshot(): Promise<string> {
    this.post()
    return this.pool.snapshot(this.id)
  }

  resize(cols: number, rows: number): void {
    this.post()
    this.pool.send({ t: 'resize', id: this.id, cols, rows })
  }

  dispose(): void {
    this.post()
    this.pool.close(this.id)
  }

  /** Called by the pool; `onParsed` lets the owner re-check flow control. */
  onParsed: (chars: number) => void = () => {}

  private post(): void {
    this.flushScheduled = false
    if (!this.buffered) return
    this.pool.send({ t: 'write', id: this.id, data: this.buffered })
    this.buffered = ''
  }
}

/** One worker per host process serves all mirrors. */
class MirrorPool {
  private static instance: MirrorPool | undefined
  private readonly worker: Worker
  private readonly mirrors = new Map<string, ScrollbackMirror>()
  private readonly snapshots = new Map<number, (data: string) => void>()
  private nextReq = 1
  private dead = false

  static get(): MirrorPool {
    return (MirrorPool.instance ??= new MirrorPool())
  }

  private constructor() {
    this.worker = startMirrorWorker()
    this.worker.unref()
    this.worker.on('message', (msg: MirrorReply) => {
      if (msg.t === 'parsed') {
        const mirror = this.mirrors.get(msg.id)
        if (!mirror) return
        mirror.pending -= msg.chars
        mirror.onParsed(msg.chars)
      } else {
        this.snapshots.get(msg.req)?.(msg.data)
        this.snapshots.delete(msg.req)
      }
    })
    // Without the worker there is no history, but the agents must keep running and flowing.
    this.worker.on('error', () => this.fail())
    this.worker.on('exit', () => this.fail())
  }

  open(mirror: ScrollbackMirror, msg: Extract<MirrorRequest, { t: 'open' }>): void {
    this.mirrors.set(msg.id, mirror)
    this.send(msg)
  }

  close(id: string): void {
    this.mirrors.delete(id)
    this.send({ t: 'close', id })
  }

  send(msg: MirrorRequest): void {
    this.worker.postMessage(msg)
  }

  snapshot(id: string): Promise<string> {
    if (this.dead) return Promise.resolve('')
    const req = this.nextReq++
    return new Promise((resolve) => {
      this.snapshots.set(req, resolve)
      this.send({ t: 'snapshot', id, req })
    })
  }

  private fail(): void {
    this.dead = true
    for (const m of this.mirrors.values()) {
      m.pending = 0
      m.onParsed(0)
    }
    for (const resolve of this.snapshots.values()) resolve('')
    this.snapshots.clear()
  }
}

/**
 * In the build the worker is emitted next to this module as scrollback.worker.js. Under tsx (tests,
 * dev) this module is .ts and Node 20 does not apply `--import tsx` to a worker's entry, so a
 * bootstrap registers tsx inside the worker first.
 */
function startMirrorWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./scrollback.worker.js', import.meta.url))
  const entry = new URL('./scrollback.worker.ts', import.meta.url).href
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(bootstrap, { eval: true })
}
