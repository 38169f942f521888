import { readFileSync, unlinkSync } from 'node:fs'
import type { Socket } from 'node:net'
import { HostSession, type SessionSink } from './host-session'
import { listenPtyHost } from './pty-host.listen'
import {
  ackSchema, createLineDecoder, helloSchema, PTY_HOST_BUILD, PTY_HOST_PROTOCOL_VERSION, ptyHostPaths, requestSchema,
  type HostMessage, type PtyHostRequest
} from './pty-host.protocol'
import { ScrollbackPersister } from './scrollback.persister'

export interface PtyHostOptions {
  home: string
  /** Exit after this long with no sessions and no clients; undefined = only on shutdown. */
  idleTimeoutMs?: number
  persistIntervalMs?: number
  /**
   * Exited sessions kept in memory (listed with their exit, their scrollback live); beyond it the oldest are
   * dropped once their scrollback is on disk. Default 64.
   */
  keepExited?: number
  /** Which build this host names itself as (tests pose as an older one); default: this build. */
  build?: string
}

export interface PtyHostHandle {
  /** Resolves when the host has shut down (shutdown request, idle timeout or close()). */
  readonly closed: Promise<void>
  close(): Promise<void>
}

class RequestError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

/** The long-lived process that owns the ptys; the core connects to it over a unix socket. */
export async function runPtyHost(opts: PtyHostOptions): Promise<PtyHostHandle> {
  const sessions = new Map<string, HostSession>()
  const clients = new Set<Socket>()
  const persister = new ScrollbackPersister(opts.home, () => sessions.values(), { intervalMs: opts.persistIntervalMs })
  /** Exited sessions whose scrollback is on disk, oldest exit first. */
  const onDisk: string[] = []
  const keepExited = opts.keepExited ?? 64
  let idleTimer: NodeJS.Timeout | undefined
  let closing: Promise<void> | undefined
  let resolveClosed!: () => void
  const closed = new Promise<void>((r) => (resolveClosed = r))

  const build = opts.build ?? PTY_HOST_BUILD
  const { server, info } = await listenPtyHost(opts.home, (socket) => {
    clients.add(socket)
    checkIdle()
    serveClient(socket)
  }, build)
  persister.start()
  checkIdle()

  function checkIdle(): void {
    clearTimeout(idleTimer)
    if (opts.idleTimeoutMs === undefined || clients.size > 0) return
    if ([...sessions.values()].some((s) => !s.info.exit)) return
    idleTimer = setTimeout(() => void close(), opts.idleTimeoutMs)
  }

  function serveClient(socket: Socket): void {
    let authed = false
    const sink: SessionSink = { send: (msg: HostMessage) => socket.write(JSON.stringify(msg) + '\n') }
    socket.setEncoding('utf8')
    socket.on('data', createLineDecoder((line) => {
      let msg: unknown
      try {
        msg = JSON.parse(line)
      } catch {
        return socket.destroy()
      }
      if (!authed) {
        const hello = helloSchema.safeParse(msg)
        if (!hello.success || hello.data.token !== info.token || hello.data.version !== PTY_HOST_PROTOCOL_VERSION) {
          return socket.destroy()
        }
        authed = true
        return sink.send({ t: 'hello', ok: true, pid: process.pid, version: PTY_HOST_PROTOCOL_VERSION })
      }
      const ack = ackSchema.safeParse(msg)
      if (ack.success) return sessions.get(ack.data.id)?.ack(sink, ack.data.chars)
      const req = requestSchema.safeParse(msg)
      if (!req.success) {
        const rid = (msg as { rid?: unknown }).rid
        const message = req.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        if (typeof rid === 'number') sink.send({ t: 'res', rid, ok: false, error: { code: 'BAD_REQUEST', message } })
        return
      }
      handle(req.data, sink).then(
        ({ result, after }) => {
          sink.send({ t: 'res', rid: req.data.rid, ok: true, result })
          after?.()
        },
        (err: Error) => {
          const code = err instanceof RequestError ? err.code : 'INTERNAL'
          sink.send({ t: 'res', rid: req.data.rid, ok: false, error: { code, message: err.message } })
        }
      )
    }))
    socket.on('error', () => {})
    socket.on('close', () => {
      clients.delete(socket)
      for (const s of sessions.values()) s.detach(sink)
      checkIdle()
    })
  }

  function forget(s: HostSession): void {
    sessions.delete(s.info.id)
    persister.forget(s.info.id)
    const at = onDisk.indexOf(s.info.id)
    if (at >= 0) onDisk.splice(at, 1)
    s.dispose()
    checkIdle()
  }

  /**
   * A long-lived host would otherwise keep every agent and command it ever ran in memory: past the newest
   * `keepExited`, an exited session leaves (its scrollback is read from disk; the core settled its exit when it came).
   */
  function retireExited(id: string): void {
    if (sessions.get(id)?.info.exit) onDisk.push(id)
    while (onDisk.length > keepExited) {
      const oldest = sessions.get(onDisk[0] ?? '')
      if (oldest) forget(oldest)
      else onDisk.shift()
    }
  }

  function session(id: string): HostSession {
    const s = sessions.get(id)
    if (!s) throw new RequestError('NO_SUCH_SESSION', `no session ${id}`)
    return s
  }

  /** `after` runs right after the response is written: an attach starts streaming only then. */
  async function handle(req: PtyHostRequest, sink: SessionSink): Promise<{ result: unknown; after?: () => void }> {
    switch (req.op) {
      case 'spawn': {
        if (sessions.has(req.args.id)) throw new RequestError('SESSION_EXISTS', `session ${req.args.id} exists`)
        const s = new HostSession(req.args, (exited) => {
          void persister.persistNow(exited).then(() => retireExited(exited.info.id), () => {})
          checkIdle()
        })
        sessions.set(req.args.id, s)
        s.attachFromStart(sink)
        return { result: s.info }
      }
      case 'input':
        session(req.id).write(req.data, req.clientId && req.seq ? { clientId: req.clientId, seq: req.seq } : undefined)
        return { result: null }
      case 'resize':
        session(req.id).resize(req.cols, req.rows)
        return { result: null }
      case 'kill':
        session(req.id).kill(req.signal as NodeJS.Signals | undefined)
        return { result: null }
      case 'dispose':
        forget(session(req.id))
        return { result: null }
      case 'list':
        return { result: [...sessions.values()].map((s) => s.info) }
      case 'attach': {
        const s = session(req.id)
        const { scrollback, activate } = await s.attach(sink)
        return { result: { scrollback, session: s.info }, after: activate }
      }
      case 'snapshot': {
        const s = session(req.id)
        const { scrollback, pos } = await s.snapshot()
        return { result: { scrollback, pos, session: s.info } }
      }
      case 'detach':
        session(req.id).detach(sink)
        return { result: null }
      case 'stats':
        return { result: { pid: process.pid, rss: process.memoryUsage.rss(), sessions: [...sessions.values()].map((s) => s.stats) } }
      case 'shutdown':
        return { result: null, after: () => void close() }
    }
  }

  /** Kills the agents (SIGHUP, as closing a terminal would), persists their history, cleans up. */
  function close(): Promise<void> {
    closing ??= (async () => {
      clearTimeout(idleTimer)
      persister.stop()
      server.close()
      await Promise.all([...sessions.values()].map((s) => persister.persistNow(s).catch(() => {})))
      for (const s of sessions.values()) s.dispose()
      sessions.clear()
      for (const c of clients) c.end()
      removeOwnFiles(opts.home, build, info.token)
      resolveClosed()
    })()
    return closing
  }

  return { closed, close }
}

/** Only remove the socket and info file if they are still ours (a newer host may own them). */
function removeOwnFiles(home: string, build: string, token: string): void {
  const paths = ptyHostPaths(home, build)
  try {
    if (JSON.parse(readFileSync(paths.info, 'utf8')).token !== token) return
    unlinkSync(paths.info)
    unlinkSync(paths.socket)
  } catch {
    // already gone
  }
}
