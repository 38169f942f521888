import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  createLineDecoder, PTY_HOST_PROTOCOL_VERSION, ptyHostPaths, type HostMessage, type PtyHostInfo
} from './pty-host.protocol'

/** How to start the host: production passes the built out/main/pty-host.js, tests the .ts via tsx. */
export interface PtyHostCommand {
  execPath: string
  args: string[]
  cwd?: string
  /** On top of this process's environment, e.g. ELECTRON_RUN_AS_NODE=1 when Electron's binary runs it. */
  env?: Readonly<Record<string, string>>
}

export interface HostConnection {
  socket: Socket
  info: PtyHostInfo
  /** Lines after the hello, in order; set by the owner before any further data is read. */
  onMessage: (msg: HostMessage) => void
}

/** Connects and authenticates to this build's host of `home`, or returns null if none answers. */
export function tryConnectPtyHost(home: string, timeoutMs = 3_000): Promise<HostConnection | null> {
  return tryConnectInfoFile(ptyHostPaths(home).info, timeoutMs)
}

/** Connects to the host an info file names, if it speaks our protocol and answers. */
export async function tryConnectInfoFile(infoFile: string, timeoutMs = 3_000): Promise<HostConnection | null> {
  let info: PtyHostInfo
  try {
    info = JSON.parse(await readFile(infoFile, 'utf8')) as PtyHostInfo
  } catch {
    return null
  }
  if (info.protocolVersion !== PTY_HOST_PROTOCOL_VERSION) return null
  return new Promise((resolve) => {
    const socket = connect(info.socket)
    const conn: HostConnection = { socket, info, onMessage: () => {} }
    let greeted = false
    const fail = () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(null)
    }
    const timer = setTimeout(fail, timeoutMs)
    socket.setEncoding('utf8')
    socket.once('error', fail)
    socket.once('close', fail)
    socket.on('data', createLineDecoder((line) => {
      let msg: HostMessage
      try {
        msg = JSON.parse(line) as HostMessage
      } catch {
        return fail() // not a host of ours
      }
      if (greeted) return conn.onMessage(msg)
      greeted = true
      clearTimeout(timer)
      socket.off('error', fail)
      socket.off('close', fail)
      // From here every user (the client, the retirer) learns of a lost host from 'close', which follows any error
      // (ECONNRESET, EPIPE from a host that died); an unhandled 'error' would end this process.
      socket.on('error', () => undefined)
      resolve(msg.t === 'hello' && msg.ok ? conn : (socket.destroy(), null))
    }))
    socket.once('connect', () => {
      socket.write(JSON.stringify({ t: 'hello', token: info.token, version: PTY_HOST_PROTOCOL_VERSION }) + '\n')
    })
  })
}

/**
 * Starts the host detached, in its own session and without our stdio, so a crash or SIGKILL of
 * the core (or of its process group) does not reach the agents.
 */
export function startPtyHost(home: string, command: PtyHostCommand): void {
  const child = spawn(command.execPath, [...command.args, '--home', home], {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    detached: true,
    stdio: 'ignore'
  })
  child.on('error', () => {}) // surfaces below as "did not come up"
  child.unref()
}

export async function connectOrStartHostConnection(
  home: string,
  command: PtyHostCommand,
  startTimeoutMs = 15_000
): Promise<HostConnection> {
  const existing = await tryConnectPtyHost(home)
  if (existing) return existing
  startPtyHost(home, command)
  // Two cores racing both start a host; the loser sees the winner's socket and exits with 3.
  const deadline = Date.now() + startTimeoutMs
  for (let delay = 20; Date.now() < deadline; delay = Math.min(delay * 2, 250)) {
    await sleep(delay)
    const conn = await tryConnectPtyHost(home)
    if (conn) return conn
  }
  throw new Error(`pty host did not come up within ${startTimeoutMs} ms (home ${home})`)
}
