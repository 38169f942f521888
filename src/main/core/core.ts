import type { EventEnvelope } from '../../shared/contract'
import { createClient } from '../../shared/client'
import type { Client } from '../../shared/transport'
import { type Dispatch, createDispatcher } from './api/dispatcher'
import { createHandlers } from './api/handlers'
import { openDatabase } from './db/open-database'
import { databasePath } from './paths'
import { type Services, createServices } from './services'
import { Store } from './store'
import { version } from './version'

export interface CoreOptions {
  /** Data folder: the SQLite file and everything else Flightdeck keeps. */
  home: string
  /** better_sqlite3.node for the running ABI (Electron); plain Node uses npm's build. */
  nativeBinding?: string
}

/** The headless core: what Electron's main process, `flightdeck serve`, the CLI and tests all start. */
export interface Core {
  dispatch: Dispatch
  /** An in-process client over the same dispatch path the transports use. */
  client: Client
  subscribe(listener: (event: EventEnvelope) => void): () => void
  services: Services
  close(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const dbPath = databasePath(options.home)
  const store = new Store(await openDatabase(dbPath, { nativeBinding: options.nativeBinding }))
  const services = createServices(store, { version, home: options.home, dbPath })
  const dispatch = createDispatcher(createHandlers(services))
  const subscribe = (listener: (event: EventEnvelope) => void) => store.feed.subscribe(listener)
  store.feed.start()
  return {
    dispatch,
    client: createClient({ invoke: dispatch, subscribe }),
    subscribe,
    services,
    close: () => store.close()
  }
}
