import { rmSync } from 'node:fs'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { readPersistedScrollback } from './scrollback.store'
import { runPtyHost, type PtyHostHandle } from './pty-host.server'
import { connectManager, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

const base = { cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' }, cols: 80, rows: 24 }
let home: string
let host: PtyHostHandle
let manager: SessionManager

beforeEach(async () => {
  home = makeHome()
  host = await runPtyHost({ home, keepExited: 2, persistIntervalMs: 50 })
  manager = await connectManager(home)
})
afterEach(async () => {
  manager.close()
  await host.close()
  rmSync(home, { recursive: true, force: true })
})

it('keeps only the newest exited sessions in memory; the older ones are read from disk, their output whole', async () => {
  for (const n of [1, 2, 3, 4, 5]) {
    const exited = new Promise<void>((resolve) => manager.onExit((e) => e.id === `s${n}` && resolve()))
    await manager.spawn({ id: `s${n}`, argv: ['sh', '-c', `echo output-of-${n}`], ...base })
    await exited
  }
  const listed = await waitFor(async () => {
    const ids = (await manager.list()).map((s) => s.id).sort()
    return ids.length === 2 && ids
  }, 10_000, 'the older exited sessions to leave')
  expect(listed).toEqual(['s4', 's5'])
  for (const n of [1, 2, 3]) expect(await readPersistedScrollback(home, `s${n}`)).toContain(`output-of-${n}`)
  // A live session is never retired, however many end beside it.
  await manager.spawn({ id: 'live', argv: ['sh', '-c', 'sleep 30'], ...base })
  for (const n of [6, 7, 8]) {
    const exited = new Promise<void>((resolve) => manager.onExit((e) => e.id === `s${n}` && resolve()))
    await manager.spawn({ id: `s${n}`, argv: ['sh', '-c', `echo output-of-${n}`], ...base })
    await exited
  }
  await waitFor(async () => (await manager.list()).length === 3, 10_000, 'two exited and the live one')
  expect((await manager.list()).map((s) => s.id).sort()).toEqual(['live', 's7', 's8'])
})
