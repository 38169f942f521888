/**
 * Entry of the pty host process (built to out/main/pty-host.js). The core starts it detached so
 * agents outlive a core crash or restart. Usage: pty-host --home <dir> [--idle-timeout-ms <n>]
 * The idle timeout (no live session, no client) defaults to 5 minutes; FLIGHTDECK_PTY_HOST_IDLE_MS sets it
 * too, and 0 means never. The core starts a host on demand, so an idle one has no reason to stay.
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { HostAlreadyRunningError } from './core/sessions/pty-host.listen'
import { DEFAULT_PTY_HOST_IDLE_MS } from './core/sessions/pty-host.protocol'
import { runPtyHost } from './core/sessions/pty-host.server'

const { values } = parseArgs({
  options: { home: { type: 'string' }, 'idle-timeout-ms': { type: 'string' } }
})
const home = values.home ?? process.env.FLIGHTDECK_PTY_HOST_HOME
if (!home) {
  console.error('pty-host: --home <dir> is required')
  process.exit(2)
}
const idleSetting = values['idle-timeout-ms'] ?? process.env.FLIGHTDECK_PTY_HOST_IDLE_MS
const idleMs = idleSetting === undefined || idleSetting === '' ? DEFAULT_PTY_HOST_IDLE_MS : Number(idleSetting)
if (!Number.isInteger(idleMs) || idleMs < 0) {
  console.error(`pty-host: the idle timeout is a whole number of milliseconds (0 = never), not ${idleSetting}`)
  process.exit(2)
}
const log = (msg: string) => {
  try {
    appendFileSync(join(home, 'pty-host.log'), `${new Date().toISOString()} ${process.pid} ${msg}\n`)
  } catch {
    // stdio is ignored and the home may be gone: nowhere left to report
  }
}

// A bug in one session's handling must not take every running agent down with the host.
process.on('uncaughtException', (err) => log(`uncaught: ${err.stack ?? err}`))
process.on('unhandledRejection', (err) => log(`unhandled rejection: ${String(err)}`))
process.on('SIGHUP', () => {})

try {
  const host = await runPtyHost({ home, idleTimeoutMs: idleMs === 0 ? undefined : idleMs })
  log('listening')
  process.on('SIGTERM', () => void host.close())
  process.on('SIGINT', () => void host.close())
  await host.closed
  log('shut down')
  process.exit(0)
} catch (err) {
  if (err instanceof HostAlreadyRunningError) process.exit(3)
  log(`failed to start: ${(err as Error).stack ?? err}`)
  process.exit(1)
}
