import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { version } from '../version'
import { PTY_HOST_BUILD, PTY_HOST_PROTOCOL_VERSION, ptyHostPaths, type PtyHostInfo } from './pty-host.protocol'

export class HostAlreadyRunningError extends Error {
  readonly code = 'HOST_ALREADY_RUNNING'
}

/**
 * Binds `<home>/pty-host-<build>.sock` and publishes `<home>/pty-host-<build>.json` (pid, versions, token).
 * A socket file nobody answers on is stale (a host killed with -9) and is replaced; one that
 * answers belongs to a live host, and we refuse to start a second one.
 */
export async function listenPtyHost(
  home: string,
  onConnection: (socket: Socket) => void,
  build: string = PTY_HOST_BUILD
): Promise<{ server: Server; info: PtyHostInfo }> {
  const paths = ptyHostPaths(home, build)
  mkdirSync(home, { recursive: true, mode: 0o700 })
  mkdirSync(paths.scrollbackDir, { recursive: true, mode: 0o700 })
  const server = createServer(onConnection)
  server.on('error', () => undefined) // after listening, a failed accept must not end the host
  try {
    await listen(server, paths.socket)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    if (await answers(paths.socket)) throw new HostAlreadyRunningError(`a pty host already listens on ${paths.socket}`)
    unlinkSync(paths.socket)
    await listen(server, paths.socket)
  }
  chmodSync(paths.socket, 0o600)
  const info: PtyHostInfo = {
    pid: process.pid,
    protocolVersion: PTY_HOST_PROTOCOL_VERSION,
    appVersion: version,
    build,
    token: randomBytes(32).toString('hex'),
    socket: paths.socket
  }
  const tmp = `${paths.info}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 })
  renameSync(tmp, paths.info)
  return { server, info }
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(path, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path)
    probe.once('connect', () => {
      probe.destroy()
      resolve(true)
    })
    probe.once('error', () => resolve(false))
  })
}
