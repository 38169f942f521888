import { PtyHostClient } from './pty-host.client'
import type { HostMessage, SessionInfo } from './pty-host.protocol'
import { listPtyHosts } from './pty-host.retire'

/**
 * Sessions living in pty hosts of other builds: the agents an older build started before an update. They
 * stay where they run (an update never kills them); the core finds them, routes their input, resize, kill
 * and attach there, and hears their output and exit. Once such a host has no live session it is shut down.
 */
export class OtherHosts {
  private readonly owner = new Map<string, PtyHostClient>()
  private readonly exited = new Set<string>()
  private readonly retiring = new Set<PtyHostClient>()

  private constructor(
    private readonly onMessage: (msg: HostMessage, client: PtyHostClient) => void,
    private readonly onLost: (ids: string[]) => void
  ) {}

  static async connect(home: string, onMessage: (msg: HostMessage, client: PtyHostClient) => void, onLost: (ids: string[]) => void): Promise<OtherHosts> {
    const hosts = new OtherHosts(onMessage, onLost)
    for (const record of listPtyHosts(home)) {
      if (record.current || !record.alive) continue
      const client = await PtyHostClient.connectOther(record.file)
      if (!client) continue // another protocol: it ends on its own idle timer
      const sessions = await client.request('list', {}).catch(() => [] as SessionInfo[])
      if (!sessions.some((s) => s.exit === null)) {
        client.close() // idle: retireIdleHosts shuts it down
        continue
      }
      hosts.adopt(client, sessions)
    }
    return hosts
  }

  /** The host of another build that runs this session, if one does. */
  clientFor(id: string): PtyHostClient | undefined {
    return this.owner.get(id)
  }

  async list(): Promise<SessionInfo[]> {
    const clients = new Set(this.owner.values())
    const lists = await Promise.all([...clients].map((c) => c.request('list', {}).catch(() => [] as SessionInfo[])))
    return lists.flat()
  }

  close(): void {
    for (const client of new Set(this.owner.values())) client.close()
    this.owner.clear()
  }

  private adopt(client: PtyHostClient, sessions: SessionInfo[]): void {
    for (const s of sessions) {
      this.owner.set(s.id, client)
      if (s.exit) this.exited.add(s.id)
    }
    client.onMessage((msg) => {
      this.onMessage(msg, client)
      if (msg.t === 'exit') {
        this.exited.add(msg.id)
        void this.retireIfIdle(client)
      }
    })
    client.onGone(() => {
      const ids = [...this.owner].filter(([, c]) => c === client).map(([id]) => id)
      for (const id of ids) this.owner.delete(id)
      // A host we retired had nothing live; one that died took live agents with it.
      if (!this.retiring.delete(client)) this.onLost(ids.filter((id) => !this.exited.has(id)))
    })
  }

  private async retireIfIdle(client: PtyHostClient): Promise<void> {
    const sessions = await client.request('list', {}).catch(() => null)
    if (!sessions || sessions.some((s) => s.exit === null)) return
    this.retiring.add(client)
    await client.request('shutdown', {}).catch(() => undefined) // it persists their history first
  }
}
