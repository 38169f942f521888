import { createClient } from '../../../shared/client'
import { type ConnectionState, createSocketBridge } from '../../../shared/socket-bridge'
import type { Client } from '../../../shared/transport'

export type { ConnectionState } from '../../../shared/socket-bridge'

export interface Connection {
  client: Client
  onConnection(listener: (state: ConnectionState) => void): () => void
  /** Which transport was picked. */
  kind: 'ipc' | 'websocket'
}

/** Picks the transport once, synchronously, at boot: the Electron preload's bridge, or the WebSocket. */
export function connect(): Connection {
  if (window.flightdeck) {
    return { client: createClient(window.flightdeck), onConnection: (l) => (l('open'), () => {}), kind: 'ipc' }
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  const bridge = createSocketBridge(() => new WebSocket(`${scheme}://${location.host}/api/ws`))
  return { client: createClient(bridge), onConnection: (l) => bridge.onConnection(l), kind: 'websocket' }
}
