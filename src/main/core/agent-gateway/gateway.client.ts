import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiError, errorCodes } from '../../../shared/errors'
import { createLineDecoder } from '../sessions/pty-host.protocol'
import type { GatewayResponse } from './gateway.protocol'

export interface GatewayClientOptions {
  socket: string
  token: string
  /** How long to keep retrying while no engine serves the socket (it is re-served when one starts). */
  retryMs?: number
}

const codeOf = (code: string) => ((errorCodes as readonly string[]).includes(code) ? (code as ApiError['code']) : 'internal')

/**
 * An agent helper's side of the run's socket: one connection per request, retried while the engine is down or
 * restarting, so a hook or a question outlives an engine restart. A refusal comes back as the ApiError it was.
 */
export class GatewayClient {
  private nextId = 1
  constructor(private readonly opts: GatewayClientOptions) {}

  async request<T>(op: string, args: Record<string, unknown> = {}, options: { retryMs?: number; signal?: AbortSignal } = {}): Promise<T> {
    const deadline = Date.now() + (options.retryMs ?? this.opts.retryMs ?? 15_000)
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      const outcome = await this.once(op, args, options.signal)
      if (outcome.kind === 'answer') {
        if (outcome.response.ok) return outcome.response.value as T
        throw new ApiError(codeOf(outcome.response.error.code), outcome.response.error.message)
      }
      if (options.signal?.aborted) throw new ApiError('unavailable', 'cancelled')
      if (Date.now() > deadline) throw new ApiError('unavailable', `Flightdeck's engine did not answer on ${this.opts.socket} (${outcome.reason}); is the app or \`flightdeck serve\` running?`)
      await sleep(delay)
    }
  }

  private once(op: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<{ kind: 'answer'; response: GatewayResponse } | { kind: 'retry'; reason: string }> {
    const id = this.nextId++
    return new Promise((resolve) => {
      const socket = net.connect(this.opts.socket)
      let settled = false
      const done = (value: { kind: 'answer'; response: GatewayResponse } | { kind: 'retry'; reason: string }) => {
        if (settled) return
        settled = true
        signal?.removeEventListener('abort', abort)
        socket.destroy()
        resolve(value)
      }
      const abort = () => done({ kind: 'retry', reason: 'cancelled' })
      signal?.addEventListener('abort', abort)
      socket.setEncoding('utf8')
      socket.on('error', (e: NodeJS.ErrnoException) => done({ kind: 'retry', reason: e.code ?? e.message }))
      // The engine went away mid-call (a restart): ask again once it is back.
      socket.on('close', () => done({ kind: 'retry', reason: 'the connection closed' }))
      socket.on('data', createLineDecoder((line) => {
        const response = JSON.parse(line) as GatewayResponse
        if (response.id === id) done({ kind: 'answer', response })
      }))
      socket.on('connect', () => socket.write(`${JSON.stringify({ id, token: this.opts.token, op, args })}\n`))
    })
  }
}
