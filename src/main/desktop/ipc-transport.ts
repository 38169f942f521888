import type { StreamName } from '../../shared/contract'
import type { Core } from '../core/core'
import type { IpcPort, IpcSender } from './desktop-port'

export const INVOKE_CHANNEL = 'flightdeck:invoke'
export const EVENT_CHANNEL = 'flightdeck:event'
export const WATCH_CHANNEL = 'flightdeck:watch'
export const UNWATCH_CHANNEL = 'flightdeck:unwatch'
export const STREAM_CHANNEL = 'flightdeck:stream'

const refused = { ok: false, error: { code: 'unauthorized', message: 'only the Flightdeck window may call Flightdeck' } } as const

/**
 * Serves the contract over Electron IPC: the same dispatch as the WebSocket, events to every window. Every
 * message from a sender that is not the app's own main frame (`trusted`) is refused and never reaches the core.
 */
export function attachIpcTransport(core: Core, ipc: IpcPort, trusted: (sender: IpcSender) => boolean): () => void {
  const watches = new Map<IpcSender['id'], Map<string, Promise<() => void>>>()
  ipc.handle(INVOKE_CHANNEL, (sender, name, input) => {
    if (!trusted(sender)) return refused
    return typeof name === 'string'
      ? core.dispatch(name, input)
      : { ok: false, error: { code: 'unknown_command', message: 'command name must be a string' } }
  })
  ipc.on(WATCH_CHANNEL, (sender, stream, key) => {
    if (!trusted(sender) || typeof stream !== 'string' || !core.services.streams.has(stream) || typeof key !== 'string') return
    let mine = watches.get(sender.id)
    if (!mine) {
      const created = new Map<string, Promise<() => void>>()
      mine = created
      watches.set(sender.id, created)
      sender.onceDestroyed(() => {
        for (const off of created.values()) void off.then((f) => f(), () => undefined)
        watches.delete(sender.id)
      })
    }
    const slot = `${stream}\u0000${key}`
    if (mine.has(slot)) return
    mine.set(slot, core.watch(stream as StreamName, key, (message) => sender.isDestroyed() || sender.send(STREAM_CHANNEL, stream, key, message)))
  })
  ipc.on(UNWATCH_CHANNEL, (sender, stream, key) => {
    const slot = `${String(stream)}\u0000${String(key)}`
    void watches.get(sender.id)?.get(slot)?.then((off) => off())
    watches.get(sender.id)?.delete(slot)
  })
  const unsubscribe = core.subscribe((event) => ipc.broadcast(EVENT_CHANNEL, event))
  return () => {
    ipc.off(INVOKE_CHANNEL)
    ipc.off(WATCH_CHANNEL)
    ipc.off(UNWATCH_CHANNEL)
    unsubscribe()
  }
}
