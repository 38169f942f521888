import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 is not N-API: Electron needs a build for its own ABI. `npm start` (scripts/electron-native.js)
 * keeps that build apart from npm's Node build, under node_modules/.flightdeck-native/electron-<version>/, so
 * tests (Node) and the app (Electron) each load their own and neither install order breaks the other.
 */
export function electronSqliteBinding(appRoot: string, electronVersion: string): string | undefined {
  const fromEnv = process.env.FLIGHTDECK_SQLITE_BINDING
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv
  const built = path.join(appRoot, 'node_modules', '.flightdeck-native', `electron-${electronVersion}`, 'better_sqlite3.node')
  return fs.existsSync(built) ? built : undefined
}
