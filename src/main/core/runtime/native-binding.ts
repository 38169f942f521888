import fs from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3 is not N-API: under Electron (the app, or its binary running the CLI as Node) it needs a
 * build for Electron's ABI. `npm start` (scripts/electron-native.js) keeps that build apart from npm's Node
 * build, under node_modules/.flightdeck-native/electron-<version>/, so tests (Node) and the app each load
 * their own; a packaged app has it rebuilt in place by @electron/rebuild, so none is needed there.
 * Plain Node: undefined (npm's build).
 */
export function sqliteBinding(appRoot: string, versions: NodeJS.ProcessVersions = process.versions): string | undefined {
  const electron = versions.electron
  if (!electron) return undefined
  const fromEnv = process.env.FLIGHTDECK_SQLITE_BINDING
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv
  const built = path.join(appRoot, 'node_modules', '.flightdeck-native', `electron-${electron}`, 'better_sqlite3.node')
  return fs.existsSync(built) ? built : undefined
}
