import { OtherHosts } from './other-hosts'
import type { InputKey } from './pty-host.protocol'
import { connectOrStartPtyHost, type PtyHostClient, type PtyHostClientOptions } from './pty-host.client'
import type { AttachResult, HostMessage, HostStats, SessionInfo, SnapshotResult, SpawnArgs } from './pty-host.protocol'

export type { SessionInfo, SpawnArgs, AttachResult, SnapshotResult } from './pty-host.protocol'
export { readPersistedScrollback } from './scrollback.store'

/** `pos`: where `data` starts in the session's output stream (chars since it started). */
export interface SessionDataEvent { id: string; data: string; pos: number }
export interface SessionExitEvent { id: string; code: number; signal: number | null }
export interface SessionReattachedEvent { id: string; scrollback: string }

export interface SessionManagerOptions extends PtyHostClientOptions {
  /**
   * Ack data as soon as it is delivered to onData listeners. Off by default: a UI should ack
   * after its terminal parsed the data, so a slow renderer pauses the agent instead of piling up.
   */
  autoAck?: boolean
}

type Listener<T> = (event: T) => void

/**
 * The core's sessions service. Sessions live in the pty host, so they survive this object, the
 * core process and its restarts; a new SessionManager finds them with list() and attach().
 */
export class SessionManager {
  private readonly attached = new Set<string>()
  private readonly data = new Set<Listener<SessionDataEvent>>()
  private readonly exits = new Set<Listener<SessionExitEvent>>()
  private readonly lost = new Set<Listener<{ id: string }>>()
  private readonly reattached = new Set<Listener<SessionReattachedEvent>>()
  private readonly disposers: Array<() => void>
  /** Hosts of other builds still running agents they started (see OtherHosts). */
  private others: OtherHosts | undefined

  constructor(private readonly client: PtyHostClient, private readonly autoAck = false) {
    this.disposers = [client.onMessage((msg) => this.onHostMessage(msg, client)), client.onReconnected(() => void this.resync())]
  }

  static async connect(opts: SessionManagerOptions): Promise<SessionManager> {
    const manager = new SessionManager(await connectOrStartPtyHost(opts), opts.autoAck)
    manager.others = await OtherHosts.connect(opts.home, (msg, c) => manager.onHostMessage(msg, c), (ids) => manager.lose(ids))
    return manager
  }

  private onHostMessage(msg: HostMessage, client: PtyHostClient): void {
    if (msg.t === 'data') {
      for (const cb of this.data) cb({ id: msg.id, data: msg.data, pos: msg.pos })
      if (this.autoAck) client.ack(msg.id, msg.data.length)
    } else if (msg.t === 'exit') {
      for (const cb of this.exits) cb({ id: msg.id, code: msg.code, signal: msg.signal })
    }
  }

  /** The host that runs this session: another build's for agents started before an update, else ours. */
  private route(id: string): PtyHostClient {
    return this.others?.clientFor(id) ?? this.client
  }

  private lose(ids: string[]): void {
    for (const id of ids) {
      if (!this.attached.delete(id)) continue
      for (const cb of this.lost) cb({ id })
    }
  }

  get hostPid(): number | null {
    return this.client.hostPid
  }

  /** Starts a session in the host; this manager is attached to it from its first byte. */
  async spawn(args: SpawnArgs): Promise<SessionInfo> {
    const info = await this.client.request('spawn', { args })
    this.attached.add(args.id)
    return info
  }

  /** `key`: the typing client's id and frame number; the pty host writes each frame once (see HostSession.write). */
  async write(id: string, data: string, key?: InputKey): Promise<void> {
    await this.route(id).request('input', { id, data, ...key })
  }

  async resize(id: string, cols: number, rows: number): Promise<void> {
    await this.route(id).request('resize', { id, cols, rows })
  }

  /** Signals the session's whole process group (default SIGHUP, like closing a terminal). */
  async kill(id: string, signal?: NodeJS.Signals): Promise<void> {
    await this.route(id).request('kill', { id, signal })
  }

  /** Forgets a session in the host (killing it if it still runs). */
  async dispose(id: string): Promise<void> {
    this.attached.delete(id)
    await this.route(id).request('dispose', { id })
  }

  async list(): Promise<SessionInfo[]> {
    const [own, others] = await Promise.all([this.client.request('list', {}), this.others?.list() ?? []])
    return [...own, ...others]
  }

  /** The history so far (serialized screen + scrollback); data events follow from there on. */
  async attach(id: string): Promise<AttachResult> {
    const result = await this.route(id).request('attach', { id })
    this.attached.add(id)
    return result
  }

  /** The history so far and the stream position it ends at, leaving this manager's attachment as it is. */
  snapshot(id: string): Promise<SnapshotResult> {
    return this.route(id).request('snapshot', { id })
  }

  /** Whether this manager already receives the session's output and exit. */
  isAttached(id: string): boolean {
    return this.attached.has(id)
  }

  async detach(id: string): Promise<void> {
    this.attached.delete(id)
    await this.route(id).request('detach', { id })
  }

  /** Tell the host the terminal has consumed `chars` of this session's output. */
  ack(id: string, chars: number): void {
    this.route(id).ack(id, chars)
  }

  stats(): Promise<HostStats> {
    return this.client.request('stats', {})
  }

  onData(cb: Listener<SessionDataEvent>): () => void {
    this.data.add(cb)
    return () => this.data.delete(cb)
  }

  onExit(cb: Listener<SessionExitEvent>): () => void {
    this.exits.add(cb)
    return () => this.exits.delete(cb)
  }

  /** An attached session the host no longer has (the host died): show its persisted history. */
  onLost(cb: Listener<{ id: string }>): () => void {
    this.lost.add(cb)
    return () => this.lost.delete(cb)
  }

  /** After a connection drop: reset the terminal and write this scrollback; data follows. */
  onReattached(cb: Listener<SessionReattachedEvent>): () => void {
    this.reattached.add(cb)
    return () => this.reattached.delete(cb)
  }

  /** Stops the host and every session in it. */
  async shutdownHost(): Promise<void> {
    await this.client.request('shutdown', {})
  }

  /** Disconnects from the host; the sessions keep running. */
  close(): void {
    for (const d of this.disposers) d()
    this.others?.close()
    this.client.close()
  }

  private async resync(): Promise<void> {
    const alive = new Set((await this.list().catch(() => [])).map((s) => s.id))
    for (const id of [...this.attached]) {
      if (!alive.has(id)) {
        this.attached.delete(id)
        for (const cb of this.lost) cb({ id })
        continue
      }
      const { scrollback } = await this.attach(id).catch(() => ({ scrollback: null }))
      if (scrollback !== null) for (const cb of this.reattached) cb({ id, scrollback })
    }
  }
}
