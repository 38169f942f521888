import path from 'node:path'
import { type BrowserWindow, app } from 'electron'
import { type DesktopApp, startDesktopApp } from './desktop/desktop-app'
import { attachHost } from './electron/host-ipc'
import { registerDeepLinks } from './electron/deep-link'
import { electronPort } from './electron/electron-port'

// The Electron entry (out/main/index.js): Electron's APIs behind the desktop port, and the tray and native
// notifications. Everything else is the runtime `serve` starts too (src/main/desktop/desktop-app.ts).
let desktop: DesktopApp | undefined
let window: BrowserWindow | undefined

async function start(): Promise<void> {
  const port = electronPort((made) => (window = made))
  try {
    desktop = await startDesktopApp(port, process.env, process.argv)
  } catch (error) {
    port.showError(
      'Flightdeck could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nIf this mentions NODE_MODULE_VERSION, the SQLite module ` +
        'was built for Node, not Electron: run `npm start` (it builds the Electron copy) or see README, "Native modules".'
    )
    app.exit(1)
    return
  }
  const opened = desktop
  deepLinks.setHandler((url) => void opened.openDeepLink(url))
  attachHost(port.ipc, desktop.isAppFrame, () => (window && !window.isDestroyed() ? window : undefined), path.join(port.appPath, 'resources', 'tray-icon.png'))
}

if (!app.requestSingleInstanceLock()) app.quit()
const deepLinks = registerDeepLinks()
// No page may load remote content with Flightdeck's preload: webviews are refused in every web contents.
app.on('web-contents-created', (_event, contents) => contents.on('will-attach-webview', (e) => e.preventDefault()))
app.whenReady().then(start, (error: unknown) => {
  console.error(error)
  app.exit(1)
})
app.on('window-all-closed', () => app.quit())

// Quitting waits for the core to close, so each repository policy's onQuit (keep or stop the agents) applies.
let quitting = false
app.on('will-quit', (event) => {
  if (quitting || !desktop) return
  quitting = true
  event.preventDefault()
  void desktop.close({ quitting: true }).finally(() => app.exit(0))
})
