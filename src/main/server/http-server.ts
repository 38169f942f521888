import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import type { Core } from '../core/core'
import { HostGuard, cookieName, hasValidToken, newToken } from './auth'
import { serveStatic } from './static-files'
import { attachWsTransport } from './ws-transport'

export interface ServeOptions {
  core: Core
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  host?: string
  /** 0 picks a free port. */
  port?: number
  token?: string
}

export interface RunningServer {
  /** The URL to open, carrying the token once. */
  url: string
  origin: string
  port: number
  token: string
  close(): Promise<void>
}

const WS_PATH = '/api/ws'

function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws')
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** Browser mode: the built UI over HTTP and the contract over a WebSocket, both behind a token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? newToken()
  const server = http.createServer()
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 })
  attachWsTransport(wss, options.core)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host
  const origin = `http://${urlHost}:${port}`
  const guard = new HostGuard(host, port)
  const securityHeaders = {
    'content-security-policy': contentSecurityPolicy(origin),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer'
  }

  server.on('request', (req, res) => {
    const url = URL.parse(req.url ?? '/', origin)
    if (!url) return void res.writeHead(400, { 'content-type': 'text/plain' }).end('malformed URL\n')
    if (!guard.hostAllowed(req)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('unknown host\n')
      return
    }
    if (!hasValidToken(req, url, port, token)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('Flightdeck needs its token: open the URL printed by `flightdeck serve` (it ends with ?token=...).\n')
      return
    }
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token')
      res.writeHead(302, {
        'set-cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search
      })
      res.end()
      return
    }
    serveStatic(options.rendererDir, url.pathname, res, securityHeaders)
  })

  server.on('upgrade', (req, socket, head) => {
    // A client resetting mid-handshake must not end the server.
    socket.on('error', () => socket.destroy())
    const url = URL.parse(req.url ?? '/', origin)
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (!url) return refuse('400 Bad Request')
    if (url.pathname !== WS_PATH) return refuse('404 Not Found')
    if (!guard.hostAllowed(req) || !guard.originAllowed(req)) return refuse('403 Forbidden')
    if (!hasValidToken(req, url, port, token)) return refuse('401 Unauthorized')
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
