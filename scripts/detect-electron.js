// Decides whether `npm start` can open the Electron window, and if not, says why.
import fs from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** @returns {{ ok: true, path: string, version: string } | { ok: false, reason: string }} */
export function detectElectron(env = process.env, platform = process.platform) {
  if (env.FLIGHTDECK_BROWSER === '1') return { ok: false, reason: 'FLIGHTDECK_BROWSER=1 asks for browser mode' }
  let version
  try {
    version = require('electron/package.json').version
  } catch {
    return {
      ok: false,
      reason: 'the Electron package is not installed (npm drops it when its binary cannot be downloaded, as on an offline machine)'
    }
  }
  let binary
  try {
    binary = require('electron')
  } catch {
    binary = undefined
  }
  if (typeof binary !== 'string' || !fs.existsSync(binary)) {
    return { ok: false, reason: `the Electron ${version} binary is missing (its download failed or was skipped)` }
  }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  }
  return { ok: true, path: binary, version }
}
