import path from 'node:path'
import { type Core, createCore } from '../core'
import type { SecretStore } from '../secrets/secret-store'
import type { LaunchLayout } from './launch-layout'
import { sqliteBinding } from './native-binding'

export interface RuntimeOptions {
  /** The data folder. */
  home: string
  /** Where the built entries are and what runs them (see launch-layout.ts). */
  layout: LaunchLayout
  /**
   * Long-lived starters (the desktop app, `serve`) run the engine: the pty host connection, reattaching
   * running agents, the scheduler, reactions to hooks and exits, signal files and SLA escalation.
   * One-shot CLI commands only read and write.
   */
  engine: boolean
  /** Tests may hand in a store; by default the data folder's (OS keychain, else the 0600 file). */
  secretStore?: SecretStore
}

/**
 * The one composition root: the desktop app's main process, `flightdeck serve` and the CLI all open
 * Flightdeck through here, so what one can do the others can. Electron adds a window, a tray and IPC on top;
 * `serve` adds HTTP and a WebSocket.
 */
export function openRuntime(options: RuntimeOptions): Promise<Core> {
  const appRoot = path.resolve(options.layout.mainDir, '..', '..')
  return createCore({
    home: options.home,
    nativeBinding: sqliteBinding(appRoot),
    ptyHost: options.layout.ptyHost,
    cliCommand: options.layout.cli,
    engine: options.engine,
    secretStore: options.secretStore
  })
}
