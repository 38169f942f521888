import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../test/fixtures/core'
import { clientFrame, openRawWs } from '../../../test/fixtures/raw-ws'
import { connectWs } from '../../../test/fixtures/ws-client'
import { type RunningServer, startServer } from './http-server'

/** Raw HTTP, so a test can send paths and headers fetch() would refuse or normalise. */
function rawGet(port: number, requestPath: string, headers: Record<string, string> = {}): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, headers }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser-mode server under malformed input', () => {
  let t: TestCore
  let server: RunningServer
  const alive = async () => {
    const client = await connectWs(`${server.origin.replace('http', 'ws')}/api/ws?token=${server.token}`)
    expect((await client.invoke('system.info', {})).home).toBe(t.home)
    client.close()
  }

  beforeAll(async () => {
    t = await startTestCore()
    const rendererDir = path.join(t.home, 'renderer')
    fs.mkdirSync(rendererDir, { recursive: true })
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Flightdeck</title>')
    server = await startServer({ core: t.core, rendererDir, port: 0 })
  })
  afterAll(async () => {
    await server.close()
    await t.close()
  })

  const frames: Array<[string, Buffer]> = [
    ['a text frame of invalid UTF-8', clientFrame(0x1, Buffer.from([0xc3, 0x28, 0xff]))],
    ['a reserved opcode', clientFrame(0x3, Buffer.from('x'))],
    ['a reserved control opcode', clientFrame(0xb, Buffer.from('x'))],
    ['a frame over maxPayload (16 MiB)', clientFrame(0x2, Buffer.alloc(0), { declaredLength: 16 * 1024 * 1024 + 1 })],
    ['RSV bits without an extension', clientFrame(0x1, Buffer.from('{}'), { rsv: 0b100 })],
    ['a fragmented ping', clientFrame(0x9, Buffer.from('p'), { fin: false })],
    ['a continuation with nothing to continue', clientFrame(0x0, Buffer.from('x'))],
    ['a close frame with an invalid code', clientFrame(0x8, Buffer.from([0x03, 0xe7]))]
  ]
  for (const [name, frame] of frames) {
    it(`survives ${name}, closing only that connection`, async () => {
      const raw = await openRawWs(server.port, server.token)
      raw.socket.write(frame)
      await raw.closed
      await alive()
    })
  }

  it('survives a request path that is not valid percent-encoding', async () => {
    expect(await rawGet(server.port, `/%ff?token=${server.token}`)).toBe(302)
    const cookie = `fd_token_${server.port}=${server.token}`
    expect(await rawGet(server.port, '/%ff', { cookie })).toBe(400)
    expect(await rawGet(server.port, '/assets/%E0%A4%A', { cookie })).toBe(400)
    await alive()
  })

  it('survives a token cookie that is not valid percent-encoding', async () => {
    expect(await rawGet(server.port, '/', { cookie: `fd_token_${server.port}=%ff` })).toBe(401)
    await alive()
  })
})
