import { join } from 'node:path'
import { z } from 'zod'
import { version } from '../version'

/**
 * Wire protocol between the core (client) and the pty host: newline-delimited JSON over a unix
 * socket. The first client line must be a hello with the token from `<home>/pty-host-<build>.json`.
 * Requests carry an `rid` and get exactly one response; `ack` is a notification (no response);
 * `data` and `exit` are events pushed by the host for attached sessions.
 */
export const PTY_HOST_PROTOCOL_VERSION = 1

/**
 * Which build a host is: its protocol and the app version it shipped with. Socket and info file carry it
 * in their names, so after an update the old host keeps serving its running agents while new sessions go
 * to a host of the new build, side by side in one home (each exits when idle).
 */
export const PTY_HOST_BUILD = `${PTY_HOST_PROTOCOL_VERSION}-${version}`.replace(/[^\w.-]/g, '_')

/** Exit after this long with no live session and no client, unless told otherwise (flag or env). */
export const DEFAULT_PTY_HOST_IDLE_MS = 5 * 60_000

export const ptyHostPaths = (home: string, build: string = PTY_HOST_BUILD) => ({
  socket: join(home, `pty-host-${build}.sock`),
  info: join(home, `pty-host-${build}.json`),
  scrollbackDir: join(home, 'scrollback')
})

/** Info files of every host build in a home, including the unversioned name builds before 0.1 used. */
export const ptyHostInfoFile = /^pty-host(-[\w.-]+)?\.json$/

/** Contents of `<home>/pty-host-<build>.json` (mode 0600). */
export interface PtyHostInfo {
  pid: number
  protocolVersion: number
  /** Missing in info files written before builds were named. */
  appVersion?: string
  build?: string
  token: string
  socket: string
}

const id = z.string().min(1).max(128).regex(/^[\w.-]+$/)
const size = z.number().int().min(1).max(4096)

export const spawnArgsSchema = z.object({
  id,
  argv: z.array(z.string()).min(1),
  cwd: z.string().min(1),
  env: z.record(z.string(), z.string()).optional(),
  cols: size,
  rows: size,
  scrollbackLines: z.number().int().min(0).max(1_000_000).optional()
})
export type SpawnArgs = z.infer<typeof spawnArgsSchema>

export const requestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('spawn'), rid: z.number(), args: spawnArgsSchema }),
  z.object({ op: z.literal('input'), rid: z.number(), id, data: z.string(), clientId: z.string().max(64).optional(), seq: z.number().int().positive().optional() }),
  z.object({ op: z.literal('resize'), rid: z.number(), id, cols: size, rows: size }),
  z.object({ op: z.literal('kill'), rid: z.number(), id, signal: z.string().regex(/^SIG[A-Z0-9]+$/).optional() }),
  z.object({ op: z.literal('list'), rid: z.number() }),
  z.object({ op: z.literal('attach'), rid: z.number(), id }),
  /** The history so far without touching the client's attachment; `pos` says where it ends in the stream. */
  z.object({ op: z.literal('snapshot'), rid: z.number(), id }),
  z.object({ op: z.literal('detach'), rid: z.number(), id }),
  /** Forget a session (killing it first if it still runs); exited sessions stay listed until then, or until retired. */
  z.object({ op: z.literal('dispose'), rid: z.number(), id }),
  z.object({ op: z.literal('stats'), rid: z.number() }),
  z.object({ op: z.literal('shutdown'), rid: z.number() })
])
export type PtyHostRequest = z.infer<typeof requestSchema>
export type PtyHostOp = PtyHostRequest['op']

export const helloSchema = z.object({ t: z.literal('hello'), token: z.string(), version: z.number() })
export const ackSchema = z.object({ t: z.literal('ack'), id, chars: z.number().int().min(0) })

export interface SessionInfo {
  id: string
  pid: number
  argv: string[]
  cwd: string
  cols: number
  rows: number
  /** Set once the process has exited; it stays listed until disposed, or retired (the host keeps the newest). */
  exit: { code: number; signal: number | null } | null
}

export interface AttachResult {
  scrollback: string
  session: SessionInfo
}

export interface SnapshotResult extends AttachResult {
  /** Stream position (chars since the session started) the scrollback ends at: data from `pos` on follows it. */
  pos: number
}

export interface HostStats {
  pid: number
  rss: number
  sessions: Array<{ id: string; unacked: number; mirrorPending: number; paused: boolean; pauses: number }>
}

export interface PtyHostResults {
  spawn: SessionInfo
  input: null
  resize: null
  kill: null
  list: SessionInfo[]
  attach: AttachResult
  snapshot: SnapshotResult
  detach: null
  dispose: null
  stats: HostStats
  shutdown: null
}

export type HostMessage =
  | { t: 'hello'; ok: true; pid: number; version: number }
  | { t: 'res'; rid: number; ok: true; result: unknown }
  | { t: 'res'; rid: number; ok: false; error: { code: string; message: string } }
  /** `pos`: the stream position of the first char of `data`. */
  | { t: 'data'; id: string; data: string; pos: number }
  | { t: 'exit'; id: string; code: number; signal: number | null }

/** Splits a byte stream into lines without re-scanning what was already searched. */
export function createLineDecoder(onLine: (line: string) => void): (chunk: string) => void {
  let rest = ''
  return (chunk) => {
    let start = 0
    let nl = chunk.indexOf('\n')
    if (nl === -1) {
      rest += chunk
      return
    }
    onLine(rest + chunk.slice(0, nl))
    rest = ''
    start = nl + 1
    while ((nl = chunk.indexOf('\n', start)) !== -1) {
      onLine(chunk.slice(start, nl))
      start = nl + 1
    }
    rest = chunk.slice(start)
  }
}

/** Who typed a frame of input and its number: the host drops a frame whose number it has already written. */
export interface InputKey {
  clientId: string
  seq: number
}
