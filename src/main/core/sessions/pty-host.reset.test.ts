import { afterEach, expect, it } from 'vitest'
import { isAlive } from './pty.adapter'
import { connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

let home = ''
let manager: SessionManager | null = null
afterEach(async () => destroyHost(home, manager))

/**
 * Found by the opencode e2e: a host killed with a request of ours still unread resets the connection (ECONNRESET
 * on a unix socket), and the client's socket had no error listener after the handshake, so the core process died
 * of an uncaught exception. It must see a lost connection, reconnect and carry on.
 */
it('a host killed with unread requests resets the connection; the client reconnects instead of crashing', async () => {
  home = makeHome()
  manager = await connectManager(home)
  const hostPid = manager.hostPid!
  // A stopped host reads nothing: the request stays in its socket's receive queue until it is killed.
  process.kill(hostPid, 'SIGSTOP')
  const pending = manager.list().then(() => 'listed', (e: Error) => e.message)
  await new Promise((r) => setTimeout(r, 200))
  process.kill(hostPid, 'SIGKILL')
  await waitFor(() => !isAlive(hostPid), 5_000, 'host to die')
  expect(await pending).toMatch(/connection lost/)
  await waitFor(() => manager!.hostPid !== null && manager!.hostPid !== hostPid, 30_000, 'a new host')
  expect(await manager.list()).toEqual([])
}, 60_000)
