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

  it('an older build keeps its running agent, which the new core follows there; new sessions go to a host of this build; the old one is retired once idle', async () => {
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

    // The new core sees the old agent where it runs, attaches, types to it and hears it exit.
    expect((await manager.list()).map((s) => s.id).sort()).toEqual(['new-agent', 'old-agent'])
    const exited = new Promise<{ id: string; code: number }>((resolve) => manager.onExit((e) => e.id === 'old-agent' && resolve(e)))
    await manager.attach('old-agent')
    await manager.write('old-agent', 'done\r')
    expect(await exited).toMatchObject({ id: 'old-agent', code: 0 })
    // With nothing live left, the old build's host is shut down; ours keeps its agent.
    await old.closed
    expect(listPtyHosts(home).map((h) => h.info.build)).toEqual([PTY_HOST_BUILD])
    expect(await manager.list()).toMatchObject([{ id: 'new-agent', exit: null }])
  })

  it('an idle host of an older build is retired by the next core that connects', async () => {
    const old: PtyHostHandle = await runPtyHost({ home, build: '0-old' })
    const raw = rawRequests((await tryConnectInfoFile(ptyHostPaths(home, '0-old').info))!)
    pids.push(((await raw('spawn', { args: { id: 'quick', argv: ['/bin/true'], ...base } })) as SessionInfo).pid)
    await waitFor(async () => ((await raw('list')) as SessionInfo[])[0]?.exit, 10_000, 'the old session to exit')
    const manager = await connectManager(home)
    managers.push(manager)
    await old.closed
    expect(listPtyHosts(home).map((h) => h.info.build)).toEqual([PTY_HOST_BUILD])
  })
})
