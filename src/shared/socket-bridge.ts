import type { EventEnvelope } from './contract'
import type { Bridge, Outcome, ServerMessage } from './transport'

/** The part of the WebSocket API the bridge uses; the browser's WebSocket and the `ws` package both fit. */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(): void
  // `never` parameters: any handler shape (DOM Event, ws's events) is assignable, and the bridge only reads `data`.
  onopen: ((event: never) => void) | null
  onmessage: ((event: never) => void) | null
  onclose: ((event: never) => void) | null
}

export type ConnectionState = 'connecting' | 'open' | 'closed'

export interface SocketBridge extends Bridge {
  onConnection(listener: (state: ConnectionState) => void): () => void
  close(): void
}

const OPEN = 1
const unavailable = (message: string): Outcome => ({ ok: false, error: { code: 'unavailable', message } })

/**
 * The contract over one WebSocket, reconnecting with backoff when the server restarts. Invokes made while
 * disconnected wait for the next connection; watched streams are watched again after a reconnect.
 */
export function createSocketBridge(open: () => SocketLike, options: { reconnect?: boolean } = {}): SocketBridge {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const statusListeners = new Set<(state: ConnectionState) => void>()
  const streamListeners = new Map<string, Set<(message: unknown) => void>>()
  const inflight = new Map<number, (outcome: Outcome) => void>()
  const queued: string[] = []
  let socket: SocketLike | undefined
  let nextId = 0
  let delay = 250
  let closed = false

  const setState = (state: ConnectionState) => statusListeners.forEach((l) => l(state))
  const sendOrQueue = (message: string) => (socket?.readyState === OPEN ? socket.send(message) : queued.push(message))
  const slotOf = (stream: string, key: string) => JSON.stringify([stream, key])

  function connect(): void {
    setState('connecting')
    const ws = open()
    socket = ws
    ws.onopen = () => {
      delay = 250
      for (const slot of streamListeners.keys()) {
        const [stream, key] = JSON.parse(slot) as [string, string]
        ws.send(JSON.stringify({ t: 'watch', stream, key }))
      }
      for (const message of queued.splice(0)) ws.send(message)
      setState('open')
    }
    ws.onmessage = (e: { data: unknown }) => {
      const message = JSON.parse(String(e.data)) as ServerMessage
      if (message.t === 'result') {
        inflight.get(message.id)?.(message.outcome)
        inflight.delete(message.id)
      } else if (message.t === 'event') {
        listeners.forEach((l) => l(message.event))
      } else if (message.t === 'stream') {
        streamListeners.get(slotOf(message.stream, message.key))?.forEach((l) => l(message.message))
      }
    }
    ws.onclose = () => {
      socket = undefined
      for (const [id, resolve] of inflight) {
        resolve(unavailable('the connection to Flightdeck closed before the answer came'))
        inflight.delete(id)
      }
      setState('closed')
      if (closed || options.reconnect === false) return
      setTimeout(connect, delay)
      delay = Math.min(delay * 2, 5_000)
    }
  }
  connect()

  return {
    invoke(name, input) {
      return new Promise((resolve) => {
        const id = ++nextId
        inflight.set(id, resolve)
        sendOrQueue(JSON.stringify({ t: 'invoke', id, name, input }))
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    watch(stream, key, listener) {
      const slot = slotOf(stream, key)
      const set = streamListeners.get(slot) ?? new Set()
      if (set.size === 0 && socket?.readyState === OPEN) socket.send(JSON.stringify({ t: 'watch', stream, key }))
      set.add(listener)
      streamListeners.set(slot, set)
      return () => {
        set.delete(listener)
        if (set.size > 0) return
        streamListeners.delete(slot)
        if (socket?.readyState === OPEN) socket.send(JSON.stringify({ t: 'unwatch', stream, key }))
      }
    },
    onConnection(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    close() {
      closed = true
      socket?.close()
    }
  }
}
