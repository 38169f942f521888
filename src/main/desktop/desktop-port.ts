/**
 * The Electron APIs the desktop app's main process uses, as a port: src/main/electron implements it with
 * Electron, and tests implement it under Node, so the composition in desktop-app.ts (the same runtime as
 * `serve`) runs in tests with nothing else replaced.
 */
export interface DesktopPort {
  /** Electron's per-user data folder (app.getPath('userData')). */
  userDataPath: string
  /** The binary running the main process: Electron's (npm start) or the app's own (packaged). */
  execPath: string
  /** The folder holding out/ (app.getAppPath()). */
  appPath: string
  isPackaged: boolean
  ipc: IpcPort
  /** Opens the main window on `url` with the given preload. */
  openWindow(url: string, preloadPath: string): void
  /** Shows the open main window at `url` (a deep link's route on the app page) and brings it to the front. */
  showUrl(url: string): void
  showError(title: string, message: string): void
}

/** Who sent an IPC message: the frame, so a handler can refuse anything but the app's own page. */
export interface IpcSender {
  /** The sending WebContents' id. */
  id: number
  /** URL of the frame that sent it, and whether that frame is its page's main frame. */
  frameUrl: string
  isMainFrame: boolean
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
  onceDestroyed(listener: () => void): void
}

/** ipcMain, reduced to what the transports use; `handle` answers an invoke, `on` takes a one-way message. */
export interface IpcPort {
  handle(channel: string, handler: (sender: IpcSender, ...args: unknown[]) => unknown): void
  on(channel: string, listener: (sender: IpcSender, ...args: unknown[]) => void): void
  off(channel: string): void
  /** Sends to every window. */
  broadcast(channel: string, ...args: unknown[]): void
}
