import type { EventEnvelope, StreamName, Streams } from '../../shared/contract'
import { createClient } from '../../shared/client'
import type { Client } from '../../shared/transport'
import { type Dispatch, createDispatcher } from './api/dispatcher'
import { createHandlers } from './api/handlers'
import { openDatabase } from './db/open-database'
import { databasePath } from './paths'
import { openSecretStore } from './secrets/open-secret-store'
import type { SecretStore } from './secrets/secret-store'
import { type Services, createServices } from './services'
import type { LandingWorkerOptions } from './landing/landing-worker'
import type { PtyHostCommand } from './sessions/pty-host.client'
import type { NodeCommand } from './runtime/node-command'
import { Store } from './store'
import { NotificationProjector } from './notifications/notification-projector'
import { version } from './version'

export interface CoreOptions {
  /** Data folder: the SQLite file and everything else Flightdeck keeps. */
  home: string
  /** better_sqlite3.node for the running ABI (Electron); plain Node uses npm's build. */
  nativeBinding?: string
  /** How to start the pty host (it hosts agent sessions and outlives this process). */
  ptyHost?: PtyHostCommand
  /** How agents' hooks and MCP server run Flightdeck's CLI (see runtime/launch-layout.ts). */
  cliCommand?: NodeCommand
  /**
   * Run the engine: reattach to running agents, schedule, react to hooks and exits. Long-lived processes
   * (the app, `serve`) do; one-shot CLI commands do not.
   */
  engine?: boolean
  /** Default: the data folder's store (OS keychain, else a 0600 file), the same in the app, `serve` and the CLI. */
  secretStore?: SecretStore
  /** Lease and polling of the landing queue's worker. */
  landing?: LandingWorkerOptions
  /** How often running agents' health (stall, idle, due restarts) is checked; default 10 s. */
  healthIntervalMs?: number
}

/** The headless core: what Electron's main process, `flightdeck serve`, the CLI and tests all start. */
export interface Core {
  dispatch: Dispatch
  /** An in-process client over the same dispatch path the transports use. */
  client: Client
  subscribe(listener: (event: EventEnvelope) => void): () => void
  /** Ephemeral streams (terminal output, plan chat): `key` is e.g. a session id. */
  watch<S extends StreamName>(stream: S, key: string, listener: (message: Streams[S]) => void): Promise<() => void>
  services: Services
  /** `quitting`: the app is quitting, so the policy's onQuit applies to running agents. */
  close(options?: { quitting?: boolean }): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const dbPath = databasePath(options.home)
  const store = new Store(await openDatabase(dbPath, { nativeBinding: options.nativeBinding }))
  // Notifications are recorded with the events that cause them, by whichever process writes those.
  store.project((sqlite) => new NotificationProjector(sqlite))
  const services = createServices(store, {
    home: options.home,
    facts: { version, home: options.home, dbPath },
    ptyHost: options.ptyHost,
    cliCommand: options.cliCommand,
    secretStore: options.secretStore ?? (await openSecretStore(options.home)),
    landing: options.landing,
    healthIntervalMs: options.healthIntervalMs
  })
  const dispatch = createDispatcher(createHandlers(services))
  const subscribe = (listener: (event: EventEnvelope) => void) => store.feed.subscribe(listener)
  store.feed.start()
  if (options.engine) {
    await services.runs.engine.start()
    await services.runs.commands.watch()
    services.forumEngine.start()
    await services.agentGateway.start()
    await services.egress.start()
    await services.usageEngine.start()
    services.landing.worker.start()
  }
  const watch: Core['watch'] = (stream, key, listener) => services.streams.watch(stream, key, listener)
  return {
    dispatch,
    client: createClient({ invoke: dispatch, subscribe, watch: (stream, key, listener) => syncUnwatch(watch(stream as StreamName, key, listener)) }),
    subscribe,
    watch,
    services,
    async close(closeOptions = {}) {
      await services.close(closeOptions.quitting ?? false)
      await store.close()
    }
  }
}

/** Adapts an async watch to the synchronous unwatch clients expect. */
function syncUnwatch(pending: Promise<() => void>): () => void {
  let unwatch: (() => void) | undefined
  let cancelled = false
  pending.then(
    (off) => (cancelled ? off() : (unwatch = off)),
    (error: unknown) => console.error('watch failed:', error)
  )
  return () => {
    cancelled = true
    unwatch?.()
  }
}
