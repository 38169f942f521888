import { BrowserWindow, type WebContents, ipcMain } from 'electron'
import type { StreamName } from '../../shared/contract'
import type { Core } from '../core/core'

export const INVOKE_CHANNEL = 'flightdeck:invoke'
export const EVENT_CHANNEL = 'flightdeck:event'
export const WATCH_CHANNEL = 'flightdeck:watch'
export const UNWATCH_CHANNEL = 'flightdeck:unwatch'
export const STREAM_CHANNEL = 'flightdeck:stream'

/** Serves the contract over Electron IPC: the same dispatch as the WebSocket, events to every window. */
export function attachIpcTransport(core: Core): () => void {
  const watches = new Map<WebContents, Map<string, Promise<() => void>>>()
  ipcMain.handle(INVOKE_CHANNEL, (_event, name: unknown, input: unknown) =>
    typeof name === 'string'
      ? core.dispatch(name, input)
      : { ok: false, error: { code: 'unknown_command', message: 'command name must be a string' } }
  )
  ipcMain.on(WATCH_CHANNEL, (event, stream: unknown, key: unknown) => {
    if (typeof stream !== 'string' || !core.services.streams.has(stream) || typeof key !== 'string') return
    const sender = event.sender
    let mine = watches.get(sender)
    if (!mine) {
      mine = new Map()
      watches.set(sender, mine)
      sender.once('destroyed', () => {
        for (const off of mine?.values() ?? []) void off.then((f) => f(), () => undefined)
        watches.delete(sender)
      })
    }
    const slot = `${stream}\u0000${key}`
    if (mine.has(slot)) return
    mine.set(slot, core.watch(stream as StreamName, key, (message) => sender.isDestroyed() || sender.send(STREAM_CHANNEL, stream, key, message)))
  })
  ipcMain.on(UNWATCH_CHANNEL, (event, stream: unknown, key: unknown) => {
    const slot = `${String(stream)}\u0000${String(key)}`
    void watches.get(event.sender)?.get(slot)?.then((off) => off())
    watches.get(event.sender)?.delete(slot)
  })
  const unsubscribe = core.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event)
  })
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    ipcMain.removeAllListeners(WATCH_CHANNEL)
    ipcMain.removeAllListeners(UNWATCH_CHANNEL)
    unsubscribe()
  }
}
