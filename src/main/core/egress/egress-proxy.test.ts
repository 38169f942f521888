import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseRules } from './allow-list'
import type { RelayRoute } from './egress-config'
import { createEgressProxy } from './egress-proxy'

const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

async function listen(server: http.Server, where: string | 0): Promise<void> {
  await new Promise<void>((resolve) => (typeof where === 'string' ? server.listen(where, resolve) : server.listen(0, '127.0.0.1', resolve)))
  closers.push(() => server.close())
}

/** A proxy on a real unix socket in front of a real upstream; requests go to it as the forwarder sends them. */
async function setup(upstream: http.RequestListener) {
  const up = http.createServer(upstream)
  await listen(up, 0)
  const upstreamUrl = `http://127.0.0.1:${(up.address() as AddressInfo).port}`
  const refused: unknown[] = []
  const route: RelayRoute = { provider: 'anthropic', upstream: `${upstreamUrl}/base`, header: 'x-api-key', key: { value: 'real-key' } }
  const proxy = createEgressProxy({ port: 9480, rules: parseRules([]), allowText: [], token: 'run-token', relays: [route], keyOf: async () => 'real-key', refused: (what) => refused.push(what) })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fd-egress-'))
  const socketPath = path.join(dir, 'egress.sock')
  await listen(proxy, socketPath)
  closers.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return { socketPath, refused }
}

function request(socketPath: string, options: http.RequestOptions, onChunk?: (chunk: string) => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, ...options }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => {
        body += d
        onChunk?.(d)
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('egress proxy and key relay', () => {
  it('streams an SSE answer through the relay as it is written, with the real key in place of the token', async () => {
    let release: () => void = () => {}
    const seen: http.IncomingHttpHeaders[] = []
    const { socketPath } = await setup((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write('event: message_start\ndata: {}\n\n')
      // The second event is written only once the client has received the first: a buffering relay deadlocks here.
      release = () => res.end('event: message_stop\ndata: {}\n\n')
      void req.url
    })
    const chunks: string[] = []
    const answer = await request(socketPath, { path: '/relay/anthropic/v1/messages?beta=true', method: 'POST', headers: { authorization: 'Bearer run-token' } }, (chunk) => {
      chunks.push(chunk)
      if (chunk.includes('message_start')) release()
    })
    expect(answer.status).toBe(200)
    expect(chunks[0]).toContain('message_start')
    expect(answer.body).toContain('message_stop')
    expect(seen[0]?.['x-api-key']).toBe('real-key')
    expect(seen[0]?.authorization).toBeUndefined()
  })

  it('serves the relay by its in-sandbox address when the client sends it through the proxy, and refuses bad tokens and unknown providers', async () => {
    const paths: string[] = []
    const { socketPath, refused } = await setup((req, res) => {
      paths.push(`${req.method} ${req.url} key=${req.headers['x-api-key'] ?? '-'}`)
      res.end('ok')
    })
    const viaProxy = await request(socketPath, { path: 'http://127.0.0.1:9480/relay/anthropic/v1/models', headers: { 'x-api-key': 'run-token' } })
    expect(viaProxy).toEqual({ status: 200, body: 'ok' })
    expect((await request(socketPath, { path: '/relay/anthropic/v1/models', headers: { 'x-api-key': 'another-runs-token' } })).status).toBe(401)
    expect((await request(socketPath, { path: '/relay/anthropic/v1/models' })).status).toBe(401)
    // Claude Code's connectivity probe: a HEAD with no token goes upstream without any key.
    expect((await request(socketPath, { path: '/relay/anthropic', method: 'HEAD' })).status).toBe(200)
    const unknown = await request(socketPath, { path: '/relay/openai/v1/models', headers: { authorization: 'Bearer run-token' } })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toContain('relayed: /relay/anthropic')
    expect(paths).toEqual(['GET /base/v1/models key=real-key', 'HEAD /base key=-'])
    expect(refused).toEqual([
      { host: 'relay anthropic', port: 0, reason: 'a token that is not this live run’s' },
      { host: 'relay anthropic', port: 0, reason: 'no token' }
    ])
  })
})
