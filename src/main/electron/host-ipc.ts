import { type BrowserWindow, Notification, clipboard, dialog, shell } from 'electron'
import type { IpcPort, IpcSender } from '../desktop/desktop-port'
import type { BlockedItem, HostNotification, HostTarget } from '../../shared/host'
import { HOST_ACTIVATE_CHANNEL, HOST_CHANNEL, type HostOp, hostOps } from './host-channels'
import { FlightdeckTray } from './tray'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const isNotification = (v: unknown): v is HostNotification => isRecord(v) && typeof v.title === 'string' && typeof v.body === 'string' && isRecord(v.target)
const isBlockedList = (v: unknown): v is BlockedItem[] => Array.isArray(v) && v.length <= 10_000 && v.every((i) => isRecord(i) && typeof i.label === 'string' && isRecord(i.target))

/**
 * The host port's Electron side: native notifications, the tray with the blocked-work count, clipboard,
 * the system browser and folder dialogs. A click on a notification or a tray entry brings the window up
 * and tells the renderer where to go.
 */
export function attachHost(ipc: IpcPort, trusted: (sender: IpcSender) => boolean, window: () => BrowserWindow | undefined, trayIconPath: string): () => void {
  const activate = (target: HostTarget | null) => {
    const win = window()
    if (!win) return
    if (win.isMinimized()) win.restore()
    win.show()
    win.focus()
    if (target) win.webContents.send(HOST_ACTIVATE_CHANNEL, target)
  }
  const tray = new FlightdeckTray(trayIconPath, activate)
  const handlers: Record<HostOp, (arg: unknown) => unknown> = {
    notify(arg) {
      // In front of the user the in-app toast is enough.
      if (!isNotification(arg) || !Notification.isSupported() || window()?.isFocused()) return
      const shown = new Notification({ title: arg.title, body: arg.body })
      shown.on('click', () => activate(arg.target))
      shown.show()
    },
    setBlockedWork: (arg) => isBlockedList(arg) && tray.update(arg),
    copyText: (arg) => typeof arg === 'string' && clipboard.writeText(arg),
    openExternal: (arg) => typeof arg === 'string' && /^https?:\/\//i.test(arg) && void shell.openExternal(arg),
    async pickDirectory() {
      const win = window()
      const options = { properties: ['openDirectory' as const] }
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    }
  }
  // Only the app's own page may notify, copy, open links or pick folders.
  ipc.handle(HOST_CHANNEL, (sender, op, arg) => (trusted(sender) && hostOps.includes(op as HostOp) ? handlers[op as HostOp](arg) : undefined))
  return () => {
    ipc.off(HOST_CHANNEL)
    tray.dispose()
  }
}
