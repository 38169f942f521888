import type { WebSocket, WebSocketServer } from 'ws'
import type { ClientMessage, ServerMessage } from '../../shared/transport'
import type { Core } from '../core/core'

function parse(raw: string): ClientMessage | undefined {
  try {
    const message = JSON.parse(raw) as ClientMessage
    return message?.t === 'invoke' && typeof message.id === 'number' && typeof message.name === 'string'
      ? message
      : undefined
  } catch {
    return undefined
  }
}

/** Serves the contract over WebSocket: invokes go to the core's dispatch, every committed event goes out. */
export function attachWsTransport(wss: WebSocketServer, core: Core): void {
  wss.on('connection', (socket: WebSocket) => {
    const send = (message: ServerMessage) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
    }
    send({ t: 'hello', lastEventSeq: core.services.store.feed.lastSeq })
    const unsubscribe = core.subscribe((event) => send({ t: 'event', event }))
    socket.on('message', async (data) => {
      const message = parse(data.toString())
      if (!message) {
        socket.close(1003, 'malformed message')
        return
      }
      send({ t: 'result', id: message.id, outcome: await core.dispatch(message.name, message.input) })
    })
    socket.on('close', unsubscribe)
  })
}
