// Builds better-sqlite3 for Electron's ABI into its own folder, leaving npm's Node build untouched, so the
// app and the Node tests each load a matching binary whatever order they are run in.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

function run(command, args, cwd, env) {
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' })
  return result.status === 0
}

/** Returns the path of better_sqlite3.node built for `electronVersion`, building it on first use. */
export function ensureElectronSqlite(root, electronVersion) {
  const base = path.join(root, 'node_modules', '.flightdeck-native')
  const dest = path.join(base, `electron-${electronVersion}`, 'better_sqlite3.node')
  if (fs.existsSync(dest)) return dest

  const source = path.join(root, 'node_modules', 'better-sqlite3')
  const work = path.join(base, `build-electron-${electronVersion}`)
  fs.rmSync(work, { recursive: true, force: true })
  fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) })

  // A machine-wide nodedir would point node-gyp at Node's headers instead of Electron's.
  const env = { ...process.env }
  delete env.npm_config_nodedir
  console.log(`flightdeck: building better-sqlite3 for Electron ${electronVersion} (once; about a minute)…`)
  const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js')
  const fetched =
    fs.existsSync(prebuild) &&
    run(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch], work, env)
  if (!fetched) {
    const nodeGyp = env.npm_config_node_gyp || path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    const args = ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers']
    if (!run(process.execPath, [nodeGyp, ...args], work, env)) {
      throw new Error(`could not build better-sqlite3 for Electron ${electronVersion}; see README, "Native modules"`)
    }
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true })
  fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), dest)
  fs.rmSync(work, { recursive: true, force: true })
  return dest
}
