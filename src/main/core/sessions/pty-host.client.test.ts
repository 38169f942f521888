import type { Socket } from 'node:net'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

let home: string
let manager: SessionManager | undefined

beforeEach(() => {
  home = makeHome()
})

afterEach(async () => {
  await destroyHost(home, manager ?? null)
  manager = undefined
})

/**
 * Found by the Codex e2e: a host SIGKILLed while the core still had data on the socket makes the established
 * connection emit ECONNRESET. With no error listener left after the greeting, that error ended the core's
 * process (Node throws an unhandled 'error' event); the connection must be treated as lost and replaced.
 */
it('survives a connection reset by the host and reconnects', async () => {
  manager = await connectManager(home)
  const firstPid = manager.hostPid
  const socket = (manager as unknown as { client: { conn: { socket: Socket } } }).client.conn.socket
  expect(() => socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).not.toThrow()
  socket.destroy()
  await waitFor(async () => (await manager!.list().catch(() => null)) !== null, 15_000, 'a working connection again')
  expect(manager.hostPid).toBe(firstPid)
})
