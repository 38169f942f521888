import crypto from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && crypto.timingSafeEqual(left, right)
}

export function cookieName(port: number): string {
  return `fd_token_${port}`
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key !== name) continue
    try {
      return decodeURIComponent(rest.join('='))
    } catch {
      return undefined // not percent-encoding we wrote: no token
    }
  }
  return undefined
}

/** The token a request presents: `?token=` once, then the cookie; non-browser clients may send a bearer header. */
export function presentedToken(req: IncomingMessage, url: URL, port: number): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  return url.searchParams.get('token') ?? bearer ?? readCookie(req, cookieName(port))
}

export function hasValidToken(req: IncomingMessage, url: URL, port: number, token: string): boolean {
  const presented = presentedToken(req, url, port)
  return presented !== undefined && sameSecret(presented, token)
}

/**
 * Guards against DNS rebinding and cross-site use: the Host header must name this server, and an Origin,
 * when a browser sends one, must be this server's own.
 */
export class HostGuard {
  private readonly hosts: Set<string>

  constructor(host: string, port: number) {
    const names = ['127.0.0.1', 'localhost', '[::1]']
    if (!names.includes(host)) names.push(host.includes(':') ? `[${host}]` : host)
    this.hosts = new Set(names.map((name) => `${name}:${port}`))
  }

  hostAllowed(req: IncomingMessage): boolean {
    return this.hosts.has(req.headers.host ?? '')
  }

  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin
    if (origin === undefined) return true
    return [...this.hosts].some((host) => origin === `http://${host}`)
  }
}
