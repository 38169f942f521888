import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog } from 'electron'
import { type Core, createCore } from './core/core'
import { defaultHome } from './core/paths'
import { attachHost } from './electron/host-ipc'
import { attachIpcTransport } from './electron/ipc-transport'
import { electronSqliteBinding } from './electron/native-binding'
import { SafeStorageSecretStore } from './electron/safe-storage-secret-store'
import { createMainWindow } from './electron/window'

// The Electron entry (out/main/index.js). Everything it does beyond windows and IPC lives in the core.
const outDir = fileURLToPath(new URL('..', import.meta.url))
const appRoot = path.resolve(outDir, '..')
let core: Core | undefined

async function start(): Promise<void> {
  // The same data folder as the CLI when FLIGHTDECK_HOME is set; otherwise Electron's per-user folder.
  const home = process.env.FLIGHTDECK_HOME ? defaultHome() : app.getPath('userData')
  try {
    core = await createCore({ home, nativeBinding: electronSqliteBinding(appRoot, process.versions.electron), secretStore: new SafeStorageSecretStore(path.join(home, 'secrets.safe.json')) })
  } catch (error) {
    dialog.showErrorBox(
      'Flightdeck could not open its database',
      `${error instanceof Error ? error.message : String(error)}\n\nIf this mentions NODE_MODULE_VERSION, the SQLite module ` +
        'was built for Node, not Electron: run `npm start` (it builds the Electron copy) or see README, "Native modules".'
    )
    app.exit(1)
    return
  }
  attachIpcTransport(core)
  const window = createMainWindow(outDir)
  attachHost(() => (window.isDestroyed() ? undefined : window), path.join(appRoot, 'resources', 'tray-icon.png'))
}

if (!app.requestSingleInstanceLock()) app.quit()
app.whenReady().then(start, (error: unknown) => {
  console.error(error)
  app.exit(1)
})
app.on('window-all-closed', () => app.quit())
app.on('will-quit', () => void core?.close())
