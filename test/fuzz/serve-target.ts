import fs from 'node:fs'
import path from 'node:path'
import type { Core } from '../../src/main/core/core'
import { startServer } from '../../src/main/server/http-server'
import { connectWs } from '../fixtures/ws-client'
import type { ServerUnderTest } from './targets/server.fuzz'

async function answers(port: number, token: string): Promise<boolean> {
  const call = (async () => {
    const client = await connectWs(`ws://127.0.0.1:${port}/api/ws?token=${token}`)
    try {
      return typeof (await client.invoke('system.info', {})).home === 'string'
    } finally {
      client.close()
    }
  })()
  const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 5_000).unref())
  return Promise.race([call.catch(() => false), timeout])
}

/** startServer on a real core, as `flightdeck serve` composes it, in this process. */
export async function serveInProcess(core: Core, dir: string): Promise<ServerUnderTest & { close(): Promise<void> }> {
  const rendererDir = path.join(dir, 'renderer')
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Flightdeck</title>')
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {}\n')
  const server = await startServer({ core, rendererDir, port: 0 })
  return { port: server.port, token: server.token, alive: () => answers(server.port, server.token), close: () => server.close() }
}

/** A running `flightdeck serve` child (the built CLI): alive means the process runs and answers. */
export function serveChild(port: number, token: string, child: { exitCode: number | null }): ServerUnderTest {
  return { port, token, alive: async () => child.exitCode === null && (await answers(port, token)) }
}
