import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isAlive } from './pty.adapter'
import { tryConnectInfoFile, type HostConnection } from './pty-host.connect'
import { PTY_HOST_BUILD, ptyHostPaths, type HostMessage, type SessionInfo } from './pty-host.protocol'
import { listPtyHosts } from './pty-host.retire'
import { runPtyHost, type PtyHostHandle } from './pty-host.server'
import { connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

const base = { cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' }, cols: 80, rows: 24 }

/** Speaks the host protocol by hand to a host of another build (the client only talks to its own build). */
function rawRequests(conn: HostConnection) {
  let rid = 0
  const waiting = new Map<number, (msg: HostMessage) => void>()
  conn.onMessage = (msg) => {
    if (msg.t === 'res') waiting.get(msg.rid)?.(msg)
  }
  return (op: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++rid
      waiting.set(id, (msg) => (msg.t === 'res' && msg.ok ? resolve(msg.result) : reject(new Error(JSON.stringify(msg)))))
      conn.socket.write(JSON.stringify({ ...params, op, rid: id }) + '\n')
    })
}

let home: string
let managers: SessionManager[] = []
let pids: number[] = []
const savedIdle = process.env.FLIGHTDECK_PTY_HOST_IDLE_MS

beforeEach(() => {
  home = makeHome()
  pids = []
})
afterEach(async () => {
  if (savedIdle === undefined) delete process.env.FLIGHTDECK_PTY_HOST_IDLE_MS
  else process.env.FLIGHTDECK_PTY_HOST_IDLE_MS = savedIdle
  const [first, ...rest] = managers
  for (const m of rest) m.close()
  await destroyHost(home, first ?? null, pids)
  managers = []
})

describe('pty host lifecycle', () => {
  it('exits after its idle timeout with no live session and no client, and is started again on demand', async () => {
    process.env.FLIGHTDECK_PTY_HOST_IDLE_MS = '400' // inherited by the host the manager starts
    const first = await connectManager(home)
    const hostPid = first.hostPid!
    const exited = new Promise((resolve) => first.onExit(resolve))
    pids.push((await first.spawn({ id: 'short', argv: ['/bin/true'], ...base })).pid)
    await exited
    first.close()
    await waitFor(() => !isAlive(hostPid), 10_000, 'the idle host to exit')
    expect(listPtyHosts(home)).toEqual([])

    const again = await connectManager(home)
    managers.push(again)
    expect(again.hostPid).not.toBe(hostPid)
    expect(await again.list()).toEqual([])
  })

  it('an older build keeps its running agent while new sessions go to a host of this build; the old one is retired once idle', async () => {
    // The older build runs without an idle timer, as hosts did before there was one.
    const old: PtyHostHandle = await runPtyHost({ home, build: '0-old' })
    const oldConn = await tryConnectInfoFile(ptyHostPaths(home, '0-old').info)
    const ask = rawRequests(oldConn!)
    const agent = (await ask('spawn', { args: { id: 'old-agent', argv: ['/bin/sh', '-c', 'read line; exit 0'], ...base } })) as SessionInfo
    pids.push(agent.pid)
    oldConn!.socket.destroy() // the old core is gone (the update restarted it)

    const manager = await connectManager(home)
    managers.push(manager)
    expect(manager.hostPid).not.toBe(process.pid)
    pids.push((await manager.spawn({ id: 'new-agent', argv: ['/bin/sh', '-c', 'read line'], ...base })).pid)
    expect(listPtyHosts(home).map((h) => [h.info.build, h.current, h.alive]).sort()).toEqual([
      ['0-old', false, true],
      [PTY_HOST_BUILD, true, true]
    ])
    expect(isAlive(agent.pid)).toBe(true)

    // The old agent ends; the next connection of a core retires its host.
    const again = rawRequests((await tryConnectInfoFile(ptyHostPaths(home, '0-old').info))!)
    await again('input', { id: 'old-agent', data: 'done\r' })
    await waitFor(async () => ((await again('list')) as SessionInfo[])[0]?.exit, 10_000, 'the old agent to exit')
    const next = await connectManager(home)
    managers.push(next)
    await old.closed
    expect(listPtyHosts(home).map((h) => h.info.build)).toEqual([PTY_HOST_BUILD])
    expect(await next.list()).toMatchObject([{ id: 'new-agent', exit: null }])
  })
})
