import { contextBridge, ipcRenderer } from 'electron'
import type { EventEnvelope } from '../shared/contract'
import type { HostBridge, HostTarget } from '../shared/host'
import type { Bridge, Outcome } from '../shared/transport'

// Mirrors src/main/electron/ipc-transport.ts; a sandboxed preload cannot import main-process modules.
const INVOKE_CHANNEL = 'flightdeck:invoke'
const EVENT_CHANNEL = 'flightdeck:event'
const WATCH_CHANNEL = 'flightdeck:watch'
const UNWATCH_CHANNEL = 'flightdeck:unwatch'
const STREAM_CHANNEL = 'flightdeck:stream'

type StreamListener = (message: unknown) => void
const streamListeners = new Map<string, Set<StreamListener>>()
ipcRenderer.on(STREAM_CHANNEL, (_event, stream: string, key: string, message: unknown) => {
  for (const listener of streamListeners.get(`${stream}\u0000${key}`) ?? []) listener(message)
})

/** The contract and nothing else: no ipcRenderer, no Node, no arbitrary channels. */
const bridge: Bridge = {
  invoke: (name, input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input) as Promise<Outcome>,
  subscribe(listener) {
    const handler = (_event: unknown, payload: EventEnvelope) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, handler)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler)
  },
  watch(stream, key, listener) {
    const slot = `${stream}\u0000${key}`
    const set = streamListeners.get(slot) ?? new Set()
    if (set.size === 0) ipcRenderer.send(WATCH_CHANNEL, stream, key)
    set.add(listener)
    streamListeners.set(slot, set)
    return () => {
      set.delete(listener)
      if (set.size > 0) return
      streamListeners.delete(slot)
      ipcRenderer.send(UNWATCH_CHANNEL, stream, key)
    }
  }
}

contextBridge.exposeInMainWorld('flightdeck', bridge)

// The host port (src/main/electron/host-ipc.ts): five calls and one activation event, nothing more.
const HOST_CHANNEL = 'flightdeck:host'
const HOST_ACTIVATE_CHANNEL = 'flightdeck:host-activate'
const host: HostBridge = {
  notify: (n) => void ipcRenderer.invoke(HOST_CHANNEL, 'notify', n),
  setBlockedWork: (items) => void ipcRenderer.invoke(HOST_CHANNEL, 'setBlockedWork', items),
  copyText: async (text) => void (await ipcRenderer.invoke(HOST_CHANNEL, 'copyText', text)),
  openExternal: (url) => void ipcRenderer.invoke(HOST_CHANNEL, 'openExternal', url),
  pickDirectory: () => ipcRenderer.invoke(HOST_CHANNEL, 'pickDirectory') as Promise<string | null>,
  onActivate(listener) {
    const handler = (_event: unknown, target: HostTarget) => listener(target)
    ipcRenderer.on(HOST_ACTIVATE_CHANNEL, handler)
    return () => ipcRenderer.removeListener(HOST_ACTIVATE_CHANNEL, handler)
  }
}
contextBridge.exposeInMainWorld('flightdeckHost', host)
