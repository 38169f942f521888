import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Store } from '../store'
import { usageFromLogs } from './otlp-parse'
import { IngestQueue } from './ingest-queue'

/** Where the receiver's address and token are published for sessions launched by any process on this home. */
export const otlpEndpointFile = (home: string) => path.join(home, 'otlp-endpoint.json')

export interface OtlpEndpoint {
  url: string
  /** Per-run tokens are derived from it (runToken); it never reaches an agent. */
  token: string
}

/**
 * The bearer token a run's exporter sends: an HMAC of the run id under the receiver's secret. An agent can
 * report usage for its own run only (a sandboxed one cannot read the endpoint file: the data folder is hidden).
 */
export function runToken(endpoint: OtlpEndpoint, runId: string): string {
  return crypto.createHmac('sha256', endpoint.token).update(runId).digest('base64url')
}

const sameToken = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))

const maxBody = 4 * 1024 * 1024

/**
 * An OTLP/HTTP receiver (JSON encoding) on loopback for Claude Code's telemetry export: /v1/logs records
 * every api_request event as usage; /v1/metrics is accepted and not recorded (the same tokens, summed).
 * A bearer token (in the 0600 endpoint file, given to each session) keeps other local processes out.
 */
export class OtlpReceiver {
  private server: http.Server | undefined
  private readonly token = crypto.randomBytes(24).toString('base64url')
  /** Requests being ingested now (the bench waits for them). */
  inFlight = 0
  private readonly ingest: IngestQueue

  constructor(
    store: Store,
    private readonly home: string
  ) {
    this.ingest = new IngestQueue(store)
  }

  async start(port = 0): Promise<OtlpEndpoint> {
    const server = http.createServer((req, res) => void this.handle(req, res))
    server.on('clientError', (_error, socket) => socket.destroy())
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    server.on('error', (error) => console.error('otlp receiver:', error.message))
    this.server = server
    const endpoint = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: this.token }
    fs.mkdirSync(this.home, { recursive: true })
    fs.writeFileSync(otlpEndpointFile(this.home), JSON.stringify(endpoint), { mode: 0o600 })
    return endpoint
  }

  async close(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    // Only remove the file if it is still ours (another engine on this home may have taken over).
    try {
      if ((JSON.parse(fs.readFileSync(otlpEndpointFile(this.home), 'utf8')) as OtlpEndpoint).token === this.token) fs.rmSync(otlpEndpointFile(this.home))
    } catch {
      // no file, or not ours
    }
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    req.on('error', () => res.destroy())
    const reply = (status: number, body: object) => {
      if (res.headersSent || res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    const route = (req.url ?? '').split('?')[0]
    if (req.method !== 'POST' || (route !== '/v1/logs' && route !== '/v1/metrics')) return reply(404, { message: 'OTLP/HTTP: POST /v1/logs or /v1/metrics' })
    const auth = req.headers.authorization ?? ''
    const bearer = auth.startsWith('Bearer ') ? auth.slice(7).trim() : ''
    if (!bearer) return reply(401, { message: 'a bearer token is required (OTEL_EXPORTER_OTLP_HEADERS)' })
    if (!(req.headers['content-type'] ?? '').includes('application/json')) return reply(415, { message: 'only the JSON encoding is accepted (OTEL_EXPORTER_OTLP_PROTOCOL=http/json)' })
    this.inFlight++
    try {
      const raw = await readBody(req)
      if (raw === undefined) {
        res.setHeader('connection', 'close')
        return reply(413, { message: `an export is at most ${maxBody} bytes` })
      }
      let body: unknown
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch {
        return reply(400, { message: 'the body is not JSON' })
      }
      if (route === '/v1/metrics') return reply(200, {})
      const parsed = usageFromLogs(body)
      const endpoint = { url: '', token: this.token }
      // Each record counts only for the run its token was made for.
      const drafts = parsed.drafts.filter((d) => sameToken(runToken(endpoint, d.runId!), bearer))
      const skipped = parsed.skipped + parsed.drafts.length - drafts.length
      if (parsed.drafts.length && !drafts.length) return reply(401, { message: "the token is not this run's" })
      if (drafts.length) await this.ingest.add(drafts)
      // OTLP's partial success: rejected records are named so the exporter does not retry them.
      reply(200, skipped ? { partialSuccess: { rejectedLogRecords: skipped, errorMessage: "api_request events without a run id or model, or for another run than the token's" } } : {})
    } catch (error) {
      reply(500, { message: error instanceof Error ? error.message : String(error) })
    } finally {
      this.inFlight--
    }
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBody) {
        // Answer 413 now; the rest of the body is drained and dropped.
        req.removeAllListeners('data')
        req.resume()
        resolve(undefined)
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The published endpoint, if an engine on this home runs a receiver. */
export function readOtlpEndpoint(home: string): OtlpEndpoint | undefined {
  try {
    const e = JSON.parse(fs.readFileSync(otlpEndpointFile(home), 'utf8')) as OtlpEndpoint
    return typeof e.url === 'string' && typeof e.token === 'string' ? e : undefined
  } catch {
    return undefined
  }
}
