import { setTimeout as sleep } from 'node:timers/promises'
import { retireIdleHosts } from './pty-host.retire'
import { connectOrStartHostConnection, type HostConnection, type PtyHostCommand, tryConnectInfoFile } from './pty-host.connect'
import { ApiError, type ErrorCode } from '../../../shared/errors'
import type { HostMessage, PtyHostOp, PtyHostRequest, PtyHostResults } from './pty-host.protocol'

export type { PtyHostCommand } from './pty-host.connect'

export interface PtyHostClientOptions {
  home: string
  hostCommand: PtyHostCommand
  startTimeoutMs?: number
}

/** The host's error codes as the contract's: an unknown session is `not_found`, not an internal failure. */
const contractCodes: Record<string, ErrorCode> = {
  NO_SUCH_SESSION: 'not_found',
  SESSION_EXISTS: 'already_exists',
  BAD_REQUEST: 'invalid_input',
  HOST_DISCONNECTED: 'unavailable'
}

/** A failed host request; an ApiError so it crosses the contract typed. `hostCode` keeps the host's own code. */
export class PtyHostError extends ApiError {
  constructor(readonly hostCode: string, message: string) {
    super(contractCodes[hostCode] ?? 'internal', message)
  }
}

/** How long a request waits for a dropped connection to come back before it fails. */
const reconnectWaitMs = 10_000

type Params<Op extends PtyHostOp> = Omit<Extract<PtyHostRequest, { op: Op }>, 'op' | 'rid'>
type Listener<T> = (event: T) => void

/**
 * The core's connection to the pty host. When the connection drops it reconnects with backoff,
 * starting a new host if the old one is gone; `onConnected` then tells the owner to resync.
 */
export class PtyHostClient {
  private conn: HostConnection | null
  private nextRid = 1
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private readonly messageListeners = new Set<Listener<HostMessage>>()
  private readonly connectedListeners = new Set<Listener<{ hostPid: number }>>()
  private readonly goneListeners = new Set<() => void>()
  private closed = false
  /** Set while a dropped connection is being re-made. */
  private reconnecting: Promise<void> | null = null

  /** `opts` null: a host of another build, followed until it goes, never restarted. */
  private constructor(private readonly opts: PtyHostClientOptions | null, conn: HostConnection) {
    this.conn = conn
    this.adopt(conn)
  }

  static async connect(opts: PtyHostClientOptions): Promise<PtyHostClient> {
    const conn = await connectOrStartHostConnection(opts.home, opts.hostCommand, opts.startTimeoutMs)
    // Hosts of other builds (an update happened) keep their running sessions; idle ones are retired now.
    void retireIdleHosts(opts.home).catch(() => undefined)
    return new PtyHostClient(opts, conn)
  }

  /**
   * A host of an older (or newer) build that still runs sessions: its agents stay with it after an update,
   * so the core follows them there; when it goes it is not restarted (`onGone`).
   */
  static async connectOther(infoFile: string): Promise<PtyHostClient | null> {
    const conn = await tryConnectInfoFile(infoFile)
    return conn ? new PtyHostClient(null, conn) : null
  }

  /** The connection to a host of another build ended (it shut down or died). */
  onGone(cb: () => void): () => void {
    this.goneListeners.add(cb)
    return () => this.goneListeners.delete(cb)
  }

  get hostPid(): number | null {
    return this.conn?.info.pid ?? null
  }

  /**
   * One request to the host. While the connection is being re-made (the host died and a new one is starting)
   * the request waits for it, up to `reconnectWaitMs`, instead of failing a spawn that a moment later works.
   */
  request<Op extends PtyHostOp>(op: Op, params: Params<Op>): Promise<PtyHostResults[Op]> {
    const back = this.reconnecting
    if (!this.conn && back) {
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PtyHostError('HOST_DISCONNECTED', `the pty host did not come back within ${reconnectWaitMs / 1000} s`)), reconnectWaitMs)
      })
      return Promise.race([back, late]).finally(() => clearTimeout(timer)).then(() => this.send(op, params))
    }
    return this.send(op, params)
  }

  private send<Op extends PtyHostOp>(op: Op, params: Params<Op>): Promise<PtyHostResults[Op]> {
    const conn = this.conn
    if (!conn) return Promise.reject(new PtyHostError('HOST_DISCONNECTED', 'not connected to the pty host'))
    const rid = this.nextRid++
    return new Promise((resolve, reject) => {
      this.pending.set(rid, { resolve: resolve as (v: unknown) => void, reject })
      conn.socket.write(JSON.stringify({ ...params, op, rid }) + '\n')
    })
  }

  /** Fire-and-forget: the host frees flow-control credit for this client. */
  ack(id: string, chars: number): void {
    this.conn?.socket.write(JSON.stringify({ t: 'ack', id, chars }) + '\n')
  }

  onMessage(cb: Listener<HostMessage>): () => void {
    this.messageListeners.add(cb)
    return () => this.messageListeners.delete(cb)
  }

  /** After a reconnect (not the first connect): attachments are gone, sessions may be too. */
  onReconnected(cb: Listener<{ hostPid: number }>): () => void {
    this.connectedListeners.add(cb)
    return () => this.connectedListeners.delete(cb)
  }

  /** Disconnects; the host and its sessions keep running. */
  close(): void {
    this.closed = true
    this.conn?.socket.destroy()
    this.conn = null
  }

  private adopt(conn: HostConnection): void {
    conn.onMessage = (msg) => {
      if (msg.t === 'res') {
        const p = this.pending.get(msg.rid)
        this.pending.delete(msg.rid)
        if (msg.ok) p?.resolve(msg.result)
        else p?.reject(new PtyHostError(msg.error.code, msg.error.message))
        return
      }
      for (const cb of this.messageListeners) cb(msg)
    }
    // A dying host's error (EPIPE, ECONNRESET) is absorbed where the connection is made; 'close' reconnects.
    conn.socket.on('close', () => {
      if (this.conn !== conn) return
      this.conn = null
      for (const p of this.pending.values()) p.reject(new PtyHostError('HOST_DISCONNECTED', 'pty host connection lost'))
      this.pending.clear()
      if (this.closed) return
      if (this.opts) this.reconnecting = this.reconnect().finally(() => (this.reconnecting = null))
      else for (const cb of this.goneListeners) cb()
    })
  }

  private async reconnect(): Promise<void> {
    const opts = this.opts
    if (!opts) return
    for (let delay = 50; !this.closed; delay = Math.min(delay * 2, 2_000)) {
      await sleep(delay)
      if (this.closed) return
      try {
        const conn = await connectOrStartHostConnection(opts.home, opts.hostCommand, opts.startTimeoutMs)
        if (this.closed) return void conn.socket.destroy()
        this.conn = conn
        this.adopt(conn)
        for (const cb of this.connectedListeners) cb({ hostPid: conn.info.pid })
        return
      } catch {
        // host still starting or home unavailable: back off and retry
      }
    }
  }
}

/** Connects to the host of `home`, starting it first if none is running. */
export function connectOrStartPtyHost(opts: PtyHostClientOptions): Promise<PtyHostClient> {
  return PtyHostClient.connect(opts)
}
