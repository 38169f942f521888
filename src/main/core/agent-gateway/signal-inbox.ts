import { constants } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { runDir } from '../runs/run-files'
import type { Store } from '../store'

/**
 * Where a sandboxed agent's hooks leave their signals while no engine serves the run's socket (a run started
 * from the CLI with neither the app nor `serve` running): `<run folder>/inbox/`, the one writable spot of
 * Flightdeck's data folder inside the sandbox. The engine turns them into events when it serves the run.
 */
export const inboxDir = (runFolder: string) => path.join(runFolder, 'inbox')

const MAX_BYTES = 64 * 1024

/** The hook's side: one file per signal, written whole (temp file + rename). */
export async function leaveSignal(runFolder: string, hook: string, payload: unknown): Promise<string> {
  const dir = inboxDir(runFolder)
  const name = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.json`
  const temp = path.join(dir, `.${name}.tmp`)
  await fs.writeFile(temp, JSON.stringify({ hook: hook.slice(0, 64), payload }), { flag: 'wx', mode: 0o600 })
  await fs.rename(temp, path.join(dir, name))
  return path.join(dir, name)
}

/** The engine's side: every signal left, in the order left, as run.signal events; malformed files are dropped. */
export async function drainSignals(store: Store, home: string, runId: string): Promise<number> {
  const dir = inboxDir(runDir(home, runId))
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()
  const signals: { hook: string; payload: Record<string, unknown> }[] = []
  for (const name of names) {
    const file = path.join(dir, name)
    const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => null)
    try {
      const stat = await handle?.stat()
      if (handle && stat?.isFile() && stat.size <= MAX_BYTES) {
        const parsed = JSON.parse(await handle.readFile({ encoding: 'utf8' })) as { hook?: unknown; payload?: unknown }
        if (typeof parsed.hook === 'string' && parsed.hook && typeof parsed.payload === 'object' && parsed.payload) {
          signals.push({ hook: parsed.hook.slice(0, 64), payload: parsed.payload as Record<string, unknown> })
        }
      }
    } catch {
      // not JSON: dropped below like any other malformed file
    } finally {
      await handle?.close()
    }
  }
  if (signals.length) await store.write(async (tx) => void signals.forEach((s) => tx.emit('run.signal', runId, { runId, hook: s.hook, payload: s.payload })))
  await Promise.all(names.map((n) => fs.unlink(path.join(dir, n)).catch(() => undefined)))
  return signals.length
}
