import type { EventEnvelope } from '../../../shared/contract'
import type { Bridge, Outcome, ServerMessage } from '../../../shared/transport'

export type ConnectionState = 'connecting' | 'open' | 'closed'

export interface WsBridge extends Bridge {
  onConnection(listener: (state: ConnectionState) => void): () => void
}

const unavailable = (message: string): Outcome => ({ ok: false, error: { code: 'unavailable', message } })

/**
 * Browser mode's transport: one WebSocket (authenticated by the cookie the token URL set), reconnecting
 * with backoff when the core restarts. Invokes made while disconnected wait for the next connection.
 */
export function createWsBridge(url: string): WsBridge {
  const listeners = new Set<(event: EventEnvelope) => void>()
  const statusListeners = new Set<(state: ConnectionState) => void>()
  const inflight = new Map<number, (outcome: Outcome) => void>()
  const queued: string[] = []
  let socket: WebSocket | undefined
  let nextId = 0
  let delay = 250

  const setState = (state: ConnectionState) => statusListeners.forEach((l) => l(state))

  function connect(): void {
    setState('connecting')
    const ws = new WebSocket(url)
    socket = ws
    ws.onopen = () => {
      delay = 250
      setState('open')
      for (const message of queued.splice(0)) ws.send(message)
    }
    ws.onmessage = (e) => {
      const message = JSON.parse(String(e.data)) as ServerMessage
      if (message.t === 'result') {
        inflight.get(message.id)?.(message.outcome)
        inflight.delete(message.id)
      } else if (message.t === 'event') {
        listeners.forEach((l) => l(message.event))
      }
    }
    ws.onclose = () => {
      socket = undefined
      for (const [id, resolve] of inflight) {
        resolve(unavailable('the connection to Flightdeck closed before the answer came'))
        inflight.delete(id)
      }
      setState('closed')
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
        const message = JSON.stringify({ t: 'invoke', id, name, input })
        if (socket?.readyState === WebSocket.OPEN) socket.send(message)
        else queued.push(message)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onConnection(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    }
  }
}
