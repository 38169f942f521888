import { afterEach, describe, expect, it } from 'vitest'
import { isAlive } from './pty.adapter'
import { connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

let home: string
let manager: SessionManager | undefined
afterEach(async () => {
  await destroyHost(home, manager ?? null)
  manager = undefined
})

describe('a pty host killed with requests it never read', () => {
  it('resets the core\'s connection without an unhandled socket error, and the core starts a new host', async () => {
    home = makeHome()
    manager = await connectManager(home)
    const pid = manager.hostPid!
    const errors: unknown[] = []
    const onError = (error: unknown) => errors.push(error)
    process.on('uncaughtException', onError)
    try {
      // Stopped, the host reads nothing: the requests wait in its socket, so its death resets ours (ECONNRESET).
      process.kill(pid, 'SIGSTOP')
      const pending = Array.from({ length: 200 }, () => manager!.list().catch((e: Error) => e))
      await new Promise((resolve) => setTimeout(resolve, 100))
      process.kill(pid, 'SIGKILL')
      await waitFor(() => !isAlive(pid), 5_000, 'the host to die')
      const outcomes = await Promise.all(pending)
      expect(outcomes.every((o) => o instanceof Error)).toBe(true)
      await waitFor(() => manager!.hostPid !== pid && manager!.hostPid !== null, 20_000, 'a new host')
      expect(await manager.list()).toEqual([])
    } finally {
      process.off('uncaughtException', onError)
    }
    expect(errors).toEqual([])
  }, 40_000)

  it('a spawn asked for while the core re-makes the connection waits for the new host instead of failing', async () => {
    home = makeHome()
    manager = await connectManager(home)
    const pid = manager.hostPid!
    process.kill(pid, 'SIGKILL')
    await waitFor(() => manager!.hostPid === null, 5_000, 'the connection to drop')
    // Before the fix this failed at once with "not connected to the pty host" (seen in the chaos suite: a run
    // resumed right after its host died could not start).
    await manager.spawn({ id: 'after-kill', argv: ['sh', '-c', 'echo back'], cwd: home, env: { PATH: process.env.PATH ?? '' }, cols: 80, rows: 24 })
    expect(manager.hostPid).not.toBe(pid)
    expect((await manager.list()).map((s) => s.id)).toContain('after-kill')
  }, 40_000)
})
