import { contextBridge, ipcRenderer } from 'electron'
import type { EventEnvelope } from '../shared/contract'
import type { Bridge, Outcome } from '../shared/transport'

// Mirrors src/main/electron/ipc-transport.ts; a sandboxed preload cannot import main-process modules.
const INVOKE_CHANNEL = 'flightdeck:invoke'
const EVENT_CHANNEL = 'flightdeck:event'

/** The contract and nothing else: no ipcRenderer, no Node, no arbitrary channels. */
const bridge: Bridge = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input) as Promise<Outcome>,
  subscribe(listener) {
    const handler = (_event: unknown, payload: EventEnvelope) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  }
}

contextBridge.exposeInMainWorld('flightdeck', bridge)
