import { BrowserWindow, ipcMain } from 'electron'
import type { Core } from '../core/core'

export const INVOKE_CHANNEL = 'flightdeck:invoke'
export const EVENT_CHANNEL = 'flightdeck:event'

/** Serves the contract over Electron IPC: the same dispatch as the WebSocket, events to every window. */
export function attachIpcTransport(core: Core): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (_event, name: unknown, input: unknown) =>
    typeof name === 'string'
      ? core.dispatch(name, input)
      : { ok: false, error: { code: 'unknown_command', message: 'command name must be a string' } }
  )
  const unsubscribe = core.subscribe((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event)
  })
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL)
    unsubscribe()
  }
}
