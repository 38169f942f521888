// `npm start`: the Electron window when Electron can run here; otherwise browser mode, saying why.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.js'
import { detectElectron } from './detect-electron.js'
import { ensureElectronSqlite } from './electron-native.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const passThrough = process.argv.slice(2)

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

buildIfStale(root)
const electron = detectElectron()
if (electron.ok) {
  const binding = ensureElectronSqlite(root, electron.version)
  forward(spawn(electron.path, [root, ...passThrough], { stdio: 'inherit', env: { ...process.env, FLIGHTDECK_SQLITE_BINDING: binding } }))
} else {
  console.log(`flightdeck: starting in browser mode because ${electron.reason}.`)
  console.log('flightdeck: open the URL below in a browser; Ctrl-C stops it.')
  forward(spawn(process.execPath, [path.join(root, 'bin', 'flightdeck.js'), 'serve', ...passThrough], { stdio: 'inherit' }))
}
