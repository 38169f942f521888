import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ptyHostPaths } from './pty-host.protocol'

const fileFor = (home: string, sessionId: string) =>
  join(ptyHostPaths(home).scrollbackDir, `${sessionId}.ansi`)

/**
 * Writes tmp + rename so a reader (or a host killed mid-write) never sees a torn file.
 * Synchronous on purpose: files are small (one serialized screen) and it keeps the host's
 * persist loop simple; the loop budgets its own CPU time.
 */
export function persistScrollback(home: string, sessionId: string, serialized: string): void {
  const target = fileFor(home, sessionId)
  mkdirSync(ptyHostPaths(home).scrollbackDir, { recursive: true, mode: 0o700 })
  const tmp = `${target}.${process.pid}.tmp`
  writeFileSync(tmp, serialized, { mode: 0o600 })
  renameSync(tmp, target)
}

/** The last history the host persisted for a session, or null if it never wrote one. */
export async function readPersistedScrollback(home: string, sessionId: string): Promise<string | null> {
  try {
    return await readFile(fileFor(home, sessionId), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}
