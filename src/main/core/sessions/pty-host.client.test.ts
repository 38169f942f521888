import { afterEach, expect, it } from 'vitest'
import { PtyHostClient } from './pty-host.client'
import { destroyHost, makeHome, testHostCommand, waitFor } from './pty-host.test-support'

let home = ''
let client: PtyHostClient | undefined
afterEach(async () => {
  client?.close()
  await destroyHost(home, null)
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
