import { BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, app, dialog, ipcMain } from 'electron'
import type { DesktopPort, IpcPort, IpcSender } from '../desktop/desktop-port'
import { createMainWindow } from './window'

function senderOf(event: IpcMainEvent | IpcMainInvokeEvent): IpcSender {
  const contents = event.sender
  const frame = event.senderFrame
  return {
    id: contents.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === contents.mainFrame,
    send: (channel, ...args) => contents.send(channel, ...args),
    isDestroyed: () => contents.isDestroyed(),
    onceDestroyed: (listener) => void contents.once('destroyed', listener)
  }
}

const ipc: IpcPort = {
  handle: (channel, handler) => ipcMain.handle(channel, (event, ...args) => handler(senderOf(event), ...args)),
  on: (channel, listener) => void ipcMain.on(channel, (event, ...args) => listener(senderOf(event), ...args)),
  off(channel) {
    ipcMain.removeHandler(channel)
    ipcMain.removeAllListeners(channel)
  },
  broadcast(channel, ...args) {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, ...args)
  }
}

/** The desktop port over Electron's own APIs; `onWindow` receives the main window once made. */
export function electronPort(onWindow: (window: BrowserWindow) => void): DesktopPort {
  let main: BrowserWindow | undefined
  return {
    userDataPath: app.getPath('userData'),
    execPath: process.execPath,
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    ipc,
    openWindow: (url, preloadPath) => onWindow((main = createMainWindow(url, preloadPath))),
    showUrl(url) {
      if (!main || main.isDestroyed()) return
      void main.loadURL(url)
      if (main.isMinimized()) main.restore()
      main.focus()
    },
    showError: (title, message) => dialog.showErrorBox(title, message)
  }
}
