import net from 'node:net'
import fc from 'fast-check'
import { clientFrame, openRawWs } from '../../fixtures/raw-ws'
import { count, newResult, note, type TargetResult } from '../results'

export interface ServerUnderTest {
  port: number
  token: string
  /** Resolves if the server still answers a contract call (and, for a child process, still runs). */
  alive(): Promise<boolean>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const invalidUtf8 = fc.constantFrom([0xc3, 0x28], [0xa0, 0xa1], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xff], [0xed, 0xa0, 0x80])
const payload = fc.oneof(
  fc.constantFrom('{"t":"invoke","id":1,"name":"system.info","input":{}}', '{"t":"watch","stream":"terminal","key":"x"}', '{"t":"invoke","id":"x"}', '[]', 'null', '{'),
  fc.json().map((s) => s),
  fc.jsonValue().map((v) => JSON.stringify({ t: 'invoke', id: 1, name: 'issue.create', input: v })),
  invalidUtf8.map((b) => Buffer.from(b).toString('latin1')),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n))
)
const frame = fc.record({
  opcode: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(0x1, 0x2, 0x0, 0x8, 0x9, 0xa) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 15 }) }),
  fin: fc.boolean(),
  rsv: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
  body: payload,
  /** A length that does not match the body: truncated frames, or one over maxPayload (16 MiB). */
  declared: fc.option(fc.oneof(fc.nat({ max: 300 }), fc.constant(16 * 1024 * 1024 + 1), fc.constant(2 ** 40)), { freq: 6 })
})
const frames = fc.record({ frames: fc.array(frame, { minLength: 1, maxLength: 4 }), chunked: fc.boolean() })

/** Raw WebSocket frames from an authenticated client: bad UTF-8, reserved opcodes, sizes, fragments, pings. */
export async function fuzzWsFrames(server: ServerUnderTest, opts: { runs: number; seed: number }): Promise<TargetResult> {
  const result = newResult('ws-frames')
  const started = Date.now()
  const samples = fc.sample(frames, { numRuns: opts.runs, seed: opts.seed })
  for (const [i, sample] of samples.entries()) {
    result.inputs++
    let raw
    try {
      raw = await openRawWs(server.port, server.token)
    } catch (error) {
      note(result, 'crashes', `handshake refused before input ${i}: ${(error as Error).message}`)
      if (!(await server.alive())) break
      continue
    }
    const bytes = Buffer.concat(sample.frames.map((f) => clientFrame(f.opcode, Buffer.from(f.body, 'latin1'), { fin: f.fin, rsv: f.rsv, declaredLength: f.declared ?? undefined })))
    if (sample.chunked) for (let at = 0; at < bytes.length; at += 7) raw.socket.write(bytes.subarray(at, at + 7))
    else raw.socket.write(bytes)
    const closed = await Promise.race([raw.closed.then(() => true), sleep(20).then(() => false)])
    count(result, closed ? 'closed by server' : raw.received().length ? 'answered' : 'open')
    raw.socket.destroy()
    if (i % 50 === 49 && !(await server.alive())) {
      note(result, 'crashes', `server stopped answering after frames ${JSON.stringify(sample).slice(0, 300)}`)
      break
    }
  }
  if (!(await server.alive())) note(result, 'crashes', 'server not answering at the end of the run')
  result.durationMs = Date.now() - started
  return result
}

const pathPart = fc.oneof(
  fc.webPath(),
  fc.constantFrom('/%ff', '/%', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/assets/../../x', '/\u0000', '//', '/api/ws', '/index.html', '/' + 'a'.repeat(9000)),
  fc.string({ unit: 'binary', maxLength: 60 }).map((s) => '/' + encodeURI(s).replace(/%25/g, '%')),
  fc.string({ maxLength: 40 }).map((s) => `/${s.replace(/[\r\n ]/g, '')}`)
)
const headerValue = fc.oneof(fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')), fc.constantFrom('%ff', '\u00ff', '', ' '.repeat(100)))

/** HTTP requests written by hand: odd methods, paths and headers, with and without the token. */
export async function fuzzHttp(server: ServerUnderTest, opts: { runs: number; seed: number }): Promise<TargetResult> {
  const result = newResult('http')
  const started = Date.now()
  const request = fc.record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH', 'BREW', 'G\u0000T'),
    path: pathPart,
    token: fc.constantFrom('query', 'cookie', 'bearer', 'bad-cookie', 'none'),
    host: fc.constantFrom(`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'evil.example', '', '[::1]'),
    extra: fc.array(fc.tuple(fc.constantFrom('Origin', 'Cookie', 'Upgrade', 'Connection', 'Content-Length', 'Transfer-Encoding', 'Range', 'X-Any'), headerValue), { maxLength: 4 })
  })
  for (const [i, r] of fc.sample(request, { numRuns: opts.runs, seed: opts.seed }).entries()) {
    result.inputs++
    const headers = [`Host: ${r.host}`]
    let target = r.path
    if (r.token === 'query') target += `${target.includes('?') ? '&' : '?'}token=${server.token}`
    if (r.token === 'cookie') headers.push(`Cookie: fd_token_${server.port}=${server.token}`)
    if (r.token === 'bearer') headers.push(`Authorization: Bearer ${server.token}`)
    if (r.token === 'bad-cookie') headers.push(`Cookie: fd_token_${server.port}=%ff%`)
    for (const [k, v] of r.extra) headers.push(`${k}: ${v}`)
    const status = await rawRequest(server.port, `${r.method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`)
    count(result, String(status ?? 'closed'))
    if (status !== null && status >= 500 && status !== 503) note(result, 'untypedErrors', `${r.method} ${target.slice(0, 120)} -> ${status}`)
    if (i % 50 === 49 && !(await server.alive())) {
      note(result, 'crashes', `server stopped answering after ${r.method} ${target.slice(0, 200)}`)
      break
    }
  }
  if (!(await server.alive())) note(result, 'crashes', 'server not answering at the end of the run')
  result.durationMs = Date.now() - started
  return result
}

/** The status code of the answer, or null when the server closed without one (a refused bad request). */
function rawRequest(port: number, text: string): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    let got = ''
    const done = () => {
      socket.destroy()
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got)
      resolve(m ? Number(m[1]) : null)
    }
    const timer = setTimeout(done, 2_000)
    socket.on('data', (d) => {
      got += d.toString('latin1')
      if (got.includes('\r\n')) {
        clearTimeout(timer)
        done()
      }
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      done()
    })
    socket.on('connect', () => socket.write(Buffer.from(text, 'latin1')))
  })
}

/** Many clients trickling one header byte at a time: the server must keep answering everybody else. */
export async function fuzzSlowloris(server: ServerUnderTest, opts: { clients: number; durationMs: number }): Promise<TargetResult> {
  const result = newResult('slowloris')
  const started = Date.now()
  const request = `GET /?token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: ${'y'.repeat(400)}\r\n`
  const sockets = Array.from({ length: opts.clients }, () => {
    const s = net.connect(server.port, '127.0.0.1')
    s.on('error', () => undefined)
    return s
  })
  result.inputs = opts.clients
  let at = 0
  while (Date.now() - started < opts.durationMs) {
    for (const s of sockets) if (!s.destroyed) s.write(request[at % request.length] as string)
    at++
    const t0 = Date.now()
    if (!(await server.alive())) note(result, 'crashes', `server stopped answering with ${opts.clients} slow clients`)
    else if (Date.now() - t0 > 2_000) note(result, 'untypedErrors', `a contract call took ${Date.now() - t0} ms behind ${opts.clients} slow clients`)
    await sleep(100)
  }
  for (const s of sockets) s.destroy()
  result.durationMs = Date.now() - started
  return result
}
