import type { Socket } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { PtyHostClient } from './pty-host.client'
import { connectManager, destroyHost, makeHome, testHostCommand, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

let home = ''
let client: PtyHostClient | undefined
let manager: SessionManager | undefined
afterEach(async () => {
  client?.close()
  await destroyHost(home, manager ?? null)
  client = undefined
  manager = undefined
})

/** Found by the Qwen Code e2e: acks written after the host died raised EPIPE on a socket with no error handler. */
it('writes to a host that just died fail quietly and the client reconnects', async () => {
  home = makeHome()
  client = await PtyHostClient.connect({ home, hostCommand: testHostCommand })
  const first = client.hostPid as number
  const uncaught: Error[] = []
  const record = (e: Error) => uncaught.push(e)
  process.on('uncaughtException', record)
  try {
    process.kill(first, 'SIGKILL')
    // Keep writing while the connection breaks: some writes land after the peer is gone.
    await waitFor(async () => {
      client!.ack('nobody', 1)
      await new Promise((r) => setTimeout(r, 2))
      return client!.hostPid !== null && client!.hostPid !== first
    }, 20_000, 'a new host')
  } finally {
    process.off('uncaughtException', record)
  }
  expect(uncaught).toEqual([])
})

/**
 * Found by the Codex e2e: a host SIGKILLed while the core still had data on the socket makes the established
 * connection emit ECONNRESET; the connection must be treated as lost and replaced, not end the core.
 */
it('survives a connection reset by the host and reconnects', async () => {
  home = makeHome()
  manager = await connectManager(home)
  const firstPid = manager.hostPid
  const socket = (manager as unknown as { client: { conn: { socket: Socket } } }).client.conn.socket
  expect(() => socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).not.toThrow()
  socket.destroy()
  await waitFor(async () => (await manager!.list().catch(() => null)) !== null, 15_000, 'a working connection again')
  expect(manager.hostPid).toBe(firstPid)
})
