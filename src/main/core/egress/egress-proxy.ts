import crypto from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { type HostRule, allowed } from './allow-list'
import { type RelayRoute, relayPrefix } from './egress-config'

export interface ProxyOptions {
  /** The forwarder's port: requests to 127.0.0.1:port through the proxy are the relay's. */
  port: number
  /** Serve the relay alone (the host's network: the agent has no use for the proxy). */
  relayOnly?: boolean
  rules: HostRule[]
  /** The allow-list as written, for the refusal's message. */
  allowText: string[]
  token: string
  relays: RelayRoute[]
  /** The real key of a route (resolved once by the caller). */
  keyOf(route: RelayRoute): Promise<string | undefined>
  /** A refused destination (audit). */
  refused(what: { host: string; port: number; reason: string }): void
}

const hopByHop = new Set(['connection', 'proxy-connection', 'keep-alive', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade'])

function forwardHeaders(headers: http.IncomingHttpHeaders, drop: readonly string[] = []): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {}
  const named = new Set(String(headers.connection ?? '').toLowerCase().split(',').map((s) => s.trim()))
  for (const [key, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(key) && !named.has(key) && !drop.includes(key)) out[key] = value
  return out
}

const sameToken = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent) return void res.destroy()
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), connection: 'close' })
  res.end(body)
}

/** Pipes one request to an upstream and its response back, as it arrives (SSE streams stay unbuffered). */
function pass(req: http.IncomingMessage, res: http.ServerResponse, target: URL, headers: http.OutgoingHttpHeaders): void {
  const lib = target.protocol === 'https:' ? https : http
  const upstream = lib.request(target, { method: req.method, headers })
  upstream.on('response', (answer) => {
    answer.on('error', () => res.destroy())
    res.writeHead(answer.statusCode ?? 502, forwardHeaders(answer.headers))
    res.flushHeaders()
    answer.pipe(res)
  })
  upstream.on('error', (error) => send(res, 502, `Flightdeck's proxy could not reach ${target.host}: ${error.message}\n`))
  res.on('close', () => upstream.destroy())
  req.pipe(upstream)
}

/**
 * Flightdeck's side of a sandbox's network: an HTTP proxy (CONNECT tunnels and plain HTTP) that lets through
 * only the allow-listed hosts, and the key relay at `/relay/<provider>/...`, which takes the run's token and
 * sends the real key upstream. It listens on the run's egress socket; the forwarder inside the sandbox is
 * its only client.
 */
export function createEgressProxy(options: ProxyOptions): http.Server {
  const relayHosts = new Set([`127.0.0.1:${options.port}`, `localhost:${options.port}`])
  const relayOnly = 'Flightdeck serves only the key relay here: this run has the host\'s network (sandbox.network "on")\n'
  const refuse = (host: string, port: number) => {
    options.refused({ host, port, reason: 'not on the allow-list' })
    const list = options.allowText.length ? options.allowText.join(', ') : 'nothing'
    return `Flightdeck refused ${host}:${port}: it is not on this run's network allow-list (policy sandbox.network is "allow-list"; sandbox.allow permits ${list}).\n`
  }

  const relay = async (req: http.IncomingMessage, res: http.ServerResponse, pathAndQuery: string) => {
    const match = /^\/relay\/([a-z0-9-]+)(\/[^?]*)?(\?.*)?$/.exec(pathAndQuery)
    const route = match && options.relays.find((r) => r.provider === match[1])
    if (!match || !route) return send(res, 404, `Flightdeck's relay has no provider at ${pathAndQuery.split('?')[0]} (relayed: ${options.relays.map((r) => `${relayPrefix}${r.provider}`).join(', ') || 'none'})\n`)
    const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]
    const given = String(req.headers['x-api-key'] ?? bearer ?? '')
    const target = new URL(`${route.upstream.replace(/\/+$/, '')}${match[2] ?? ''}${match[3] ?? ''}`)
    const headers = forwardHeaders(req.headers, ['host', 'x-api-key', 'authorization'])
    if (!given && req.method === 'HEAD') return pass(req, res, target, headers)
    if (!given || !sameToken(given, options.token)) {
      options.refused({ host: `relay ${route.provider}`, port: 0, reason: given ? 'a token that is not this live run’s' : 'no token' })
      return send(res, 401, JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'Flightdeck relay: this token is not the key of a live run' } }), 'application/json')
    }
    const key = await options.keyOf(route)
    if (!key) return send(res, 502, `Flightdeck's relay has no ${route.provider} key (the secret store no longer holds it)\n`)
    headers[route.header] = route.header === 'authorization' ? `Bearer ${key}` : key
    pass(req, res, target, headers)
  }

  const server = http.createServer((req, res) => {
    req.on('error', () => res.destroy())
    res.on('error', () => req.destroy())
    const url = req.url ?? '/'
    if (url.startsWith('/')) return void relay(req, res, url).catch((error: unknown) => send(res, 500, `Flightdeck's relay failed: ${error instanceof Error ? error.message : error}\n`))
    let target: URL
    try {
      target = new URL(url)
    } catch {
      return send(res, 400, `Flightdeck's proxy cannot read the request target ${url.slice(0, 200)}\n`)
    }
    if (target.protocol !== 'http:') return send(res, 400, `Flightdeck's proxy takes http:// requests and CONNECT tunnels, not ${target.protocol}\n`)
    const host = target.hostname.replace(/^\[|\]$/g, '')
    const port = Number(target.port || 80)
    if (relayHosts.has(`${host}:${port}`)) return void relay(req, res, `${target.pathname}${target.search}`).catch(() => send(res, 500, "Flightdeck's relay failed\n"))
    if (options.relayOnly) return send(res, 403, relayOnly)
    if (!allowed(options.rules, host, port)) return send(res, 403, refuse(host, port))
    pass(req, res, target, forwardHeaders(req.headers))
  })

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on('error', () => client.destroy())
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(req.url ?? '')
    if (!match) return void client.end(`HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n`)
    if (options.relayOnly) return void client.end(`HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n${relayOnly}`)
    const [, host = '', portText = ''] = match
    const port = Number(portText)
    if (!allowed(options.rules, host, port)) {
      const body = refuse(host, port)
      return void client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
    }
    const upstream = net.connect({ host, port })
    let connected = false
    upstream.on('error', (error) => {
      if (!connected) return void client.end(`HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\nFlightdeck's proxy could not reach ${host}:${port}: ${error.message}\n`)
      client.destroy()
    })
    upstream.once('connect', () => {
      connected = true
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    client.on('close', () => upstream.destroy())
  })
  server.on('clientError', (_error, socket) => socket.destroy())
  return server
}
