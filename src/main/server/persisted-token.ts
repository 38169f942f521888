import fs from 'node:fs'
import path from 'node:path'
import { newToken } from './auth'

/**
 * The browser-mode token of a data folder, kept in `serve-token` (owner-only) so a restarted `flightdeck serve`
 * accepts the tabs that were open: they reconnect with their cookie instead of needing a new URL.
 */
export function persistedToken(home: string): string {
  const file = path.join(home, 'serve-token')
  try {
    const stored = fs.readFileSync(file, 'utf8').trim()
    if (/^[\w-]{32,}$/.test(stored)) return stored
  } catch {
    // first start in this folder
  }
  const token = newToken()
  fs.mkdirSync(home, { recursive: true })
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}
