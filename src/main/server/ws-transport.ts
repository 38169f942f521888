import type { WebSocket, WebSocketServer } from 'ws'
import type { StreamName } from '../../shared/contract'
import type { ClientMessage, ServerMessage } from '../../shared/transport'
import type { Core } from '../core/core'

function parse(raw: string, knownStream: (name: string) => boolean): ClientMessage | undefined {
  try {
    const m = JSON.parse(raw) as ClientMessage
    if (m?.t === 'invoke') return typeof m.id === 'number' && typeof m.name === 'string' ? m : undefined
    if (m?.t === 'watch' || m?.t === 'unwatch') {
      return knownStream(m.stream) && typeof m.key === 'string' ? m : undefined
    }
    return undefined
  } catch {
    return undefined
  }
}

/**
 * Serves the contract over WebSocket: invokes go to the core's dispatch, every committed event goes out,
 * and each connection gets the streams (terminal output) it watches.
 */
export function attachWsTransport(wss: WebSocketServer, core: Core): void {
  wss.on('error', () => undefined) // noServer mode: errors belong to sockets, handled below
  wss.on('connection', (socket: WebSocket) => {
    const send = (message: ServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
    }
    const watching = new Map<string, Promise<() => void>>()
    send({ t: 'hello', lastEventSeq: core.services.store.feed.lastSeq })
    const unsubscribe = core.subscribe((event) => send({ t: 'event', event }))
    // A malformed frame (invalid UTF-8, a reserved opcode, a frame over maxPayload) makes ws emit 'error' and
    // close this connection with the matching code; without a listener Node would end the whole process.
    socket.on('error', () => socket.terminate())
    socket.on('message', async (data) => {
      const message = parse(data.toString(), (name) => core.services.streams.has(name))
      if (!message) return void socket.close(1003, 'malformed message')
      if (message.t === 'invoke') {
        send({ t: 'result', id: message.id, outcome: await core.dispatch(message.name, message.input) })
        return
      }
      const slot = `${message.stream}\u0000${message.key}`
      if (message.t === 'watch' && !watching.has(slot)) {
        const stream = message.stream as StreamName
        const { key } = message
        // A source that fails to start must not become an unhandled rejection (it would end `serve`).
        const started = core.watch(stream, key, (payload) => send({ t: 'stream', stream, key, message: payload })).catch((error: unknown) => {
          console.error(`watch ${stream} ${key} failed:`, error instanceof Error ? error.message : error)
          return () => undefined
        })
        watching.set(slot, started)
      } else if (message.t === 'unwatch') {
        void watching.get(slot)?.then((off) => off())
        watching.delete(slot)
      }
    })
    socket.on('close', () => {
      unsubscribe()
      for (const pending of watching.values()) void pending.then((off) => off(), () => undefined)
    })
  })
}
