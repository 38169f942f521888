// Decides whether `npm start` can open the Electron window, and if not, says why.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

/** The installed electron package's folder, or undefined. */
function installedPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'))
  } catch {
    return undefined
  }
}

/** Where the package's own index.js would look, without requiring it (that would start a download). */
function binaryPath(dir) {
  const pathFile = path.join(dir, 'path.txt')
  if (!fs.existsSync(pathFile)) return undefined
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
  return fs.existsSync(binary) ? binary : undefined
}

/**
 * npm installs Electron's package without running its download script (package.json allowScripts), so
 * an offline `npm install` succeeds. The binary is fetched here, on the first `npm start` that wants it.
 */
function downloadBinary(dir, version) {
  const installer = path.join(dir, 'install.js')
  console.log(`flightdeck: downloading Electron ${version} (first start only)…`)
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', timeout: 300_000 })
  const error = (result.stderr ?? '').trim().split('\n').filter(Boolean).at(-1)
  return result.status === 0 ? undefined : error || `exit ${result.status ?? result.signal}`
}

/**
 * `packageDir`: the electron package folder (tests pass one of their own).
 * @returns {{ ok: true, path: string, version: string } | { ok: false, reason: string }}
 */
export function detectElectron(env = process.env, platform = process.platform, download = true, packageDir = installedPackageDir()) {
  if (env.FLIGHTDECK_BROWSER === '1') return { ok: false, reason: 'FLIGHTDECK_BROWSER=1 asks for browser mode' }
  let version
  try {
    version = JSON.parse(fs.readFileSync(path.join(packageDir ?? '', 'package.json'), 'utf8')).version
  } catch {
    return { ok: false, reason: 'the Electron package is not installed' }
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  }
  let binary = binaryPath(packageDir)
  if (!binary && download) {
    const failure = downloadBinary(packageDir, version)
    if (failure) return { ok: false, reason: `the Electron ${version} binary could not be downloaded (${failure})` }
    binary = binaryPath(packageDir)
  }
  if (!binary) return { ok: false, reason: `the Electron ${version} binary is missing` }
  return { ok: true, path: binary, version }
}
