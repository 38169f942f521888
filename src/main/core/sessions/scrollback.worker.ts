/**
 * Worker thread that owns every session's headless xterm. Parsing costs about as much CPU as
 * reading the pty, so on the host's main thread it halved throughput (cat 50 MiB: 0.25 of a raw
 * read); here it runs on another core while the main thread keeps reading and forwarding.
 */
import { parentPort } from 'node:worker_threads'
import headless from '@xterm/headless'
import serializeAddon from '@xterm/addon-serialize'
import type { MirrorReply, MirrorRequest } from './scrollback.mirror'

type Term = InstanceType<typeof headless.Terminal>
const terms = new Map<string, { term: Term; serializer: InstanceType<typeof serializeAddon.SerializeAddon> }>()
const port = parentPort!
const reply = (msg: MirrorReply) => port.postMessage(msg)

port.on('message', (msg: MirrorRequest) => {
  switch (msg.t) {
    case 'open': {
      const term = new headless.Terminal({ cols: msg.cols, rows: msg.rows, scrollback: msg.scrollback, allowProposedApi: true })
      const serializer = new serializeAddon.SerializeAddon()
      // The addon's typings name the browser Terminal; the headless one has the same surface.
      term.loadAddon(serializer as unknown as Parameters<Term['loadAddon']>[0])
      terms.set(msg.id, { term, serializer })
      return
    }
    case 'write':
      return terms.get(msg.id)?.term.write(msg.data, () => reply({ t: 'parsed', id: msg.id, chars: msg.data.length }))
    case 'resize':
      return terms.get(msg.id)?.term.resize(msg.cols, msg.rows)
    case 'snapshot': {
      const entry = terms.get(msg.id)
      if (!entry) return reply({ t: 'snapshot', req: msg.req, data: '' })
      // Serialize inside the write callback: xterm may parse later chunks in the same turn.
      return entry.term.write('', () => reply({ t: 'snapshot', req: msg.req, data: entry.serializer.serialize() }))
    }
    case 'close':
      terms.get(msg.id)?.term.dispose()
      terms.delete(msg.id)
  }
})
