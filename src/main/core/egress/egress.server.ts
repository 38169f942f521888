import fs from 'node:fs'
import type http from 'node:http'
import type net from 'node:net'
import path from 'node:path'
import type { Run } from '../../../shared/domain'
import type { Secrets } from '../secrets/secrets'
import type { Store } from '../store'
import { parseRules } from './allow-list'
import { type RelayRoute, egressConfigPath, egressSocketPath, readEgressConfig } from './egress-config'
import { createEgressProxy } from './egress-proxy'

/** The states in which a run's agent may be calling out (as for its agent socket). */
const servedStates = new Set<Run['state']>(['preparing', 'running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land'])
/** Refusals recorded per served session: an agent in a loop cannot flood the event log. */
const maxRecorded = 200

interface Served {
  token: string
  server: http.Server
  sockets: Set<net.Socket>
}

/**
 * Serves the egress socket (proxy and key relay) of every live run that has an egress config, from the
 * engine, like the agent gateway: a run launched by another process is picked up from the event feed, and
 * a restarted engine serves its live runs again. When a run stops being live its socket goes, its open
 * tunnels are cut, and its config (with its token) is deleted: the token stops working.
 */
export class EgressGateway {
  private readonly served = new Map<string, Served>()
  private off?: () => void
  private started = false

  constructor(
    private readonly store: Store,
    private readonly home: string,
    private readonly secrets: Pick<Secrets, 'resolve'>
  ) {}

  async start(): Promise<void> {
    this.started = true
    this.off = this.store.feed.subscribe((event) => {
      if (event.topic !== 'run.created' && event.topic !== 'run.updated') return
      const run = (event.payload as { run: Run }).run
      if (servedStates.has(run.state)) void this.serve(run.id)
      else this.stop(run.id, true)
    })
    const active = await this.store.db.selectFrom('runs').select('id').where('state', 'in', [...servedStates]).execute()
    // Configs (and tokens) of runs that ended while no engine ran go now.
    const live = new Set(active.map((r) => r.id))
    for (const file of fs.existsSync(path.dirname(egressConfigPath(this.home, 'x'))) ? fs.readdirSync(path.dirname(egressConfigPath(this.home, 'x'))) : []) {
      const runId = file.replace(/\.json$/, '')
      if (!live.has(runId)) fs.rmSync(egressConfigPath(this.home, runId), { force: true })
    }
    await Promise.all(active.map(({ id }) => this.serve(id)))
  }

  close(): void {
    this.off?.()
    this.started = false
    // Runs may keep running past this engine (onQuit: keep): their configs stay for the next one.
    for (const id of [...this.served.keys()]) this.stop(id, false)
  }

  /** Serves a run's socket now if this process is the engine and the run has an egress config. */
  async serve(runId: string): Promise<void> {
    if (!this.started) return
    const config = readEgressConfig(this.home, runId)
    if (!config || this.served.get(runId)?.token === config.token) return
    // A new session of the run (a relaunch while it stayed live) has a new token: serve it afresh.
    this.stop(runId, false)
    const keys = new Map<RelayRoute, Promise<string | undefined>>()
    let recorded = 0
    const server = createEgressProxy({
      port: config.port,
      relayOnly: config.relayOnly,
      rules: parseRules(config.allow),
      allowText: config.allow,
      token: config.token,
      relays: config.relays,
      keyOf: (route) => {
        if (!keys.has(route)) keys.set(route, 'value' in route.key ? Promise.resolve(route.key.value) : this.secrets.resolve(route.key.secret))
        return keys.get(route)!
      },
      refused: (what) => {
        if (++recorded > maxRecorded) return
        void this.store
          .write(async (tx) => void tx.emit('agent.egress_refused', runId, { runId, ...what }))
          .catch((error: unknown) => console.error(`egress: run ${runId}: recording a refusal: ${error instanceof Error ? error.message : error}`))
      }
    })
    const sockets = new Set<net.Socket>()
    server.on('connection', (socket: net.Socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    server.on('error', (error) => console.error(`egress: run ${runId}: ${error.message}`))
    this.served.set(runId, { token: config.token, server, sockets })
    const file = egressSocketPath(this.home, runId)
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    fs.rmSync(file, { force: true })
    await new Promise<void>((resolve) => server.listen(file, () => resolve()))
    fs.chmodSync(file, 0o600)
  }

  private stop(runId: string, forget: boolean): void {
    const served = this.served.get(runId)
    if (forget) fs.rmSync(egressConfigPath(this.home, runId), { force: true })
    if (!served) return
    this.served.delete(runId)
    served.server.close()
    for (const socket of served.sockets) socket.destroy()
    fs.rmSync(egressSocketPath(this.home, runId), { force: true })
  }
}
