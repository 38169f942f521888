import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { collect, connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8' }

let home: string
let manager: SessionManager | null = null
let pids: number[] = []

beforeEach(() => {
  home = makeHome()
  pids = []
})

afterEach(async () => {
  await destroyHost(home, manager, pids)
  manager = null
})

describe('keyed terminal input', () => {
  it('writes each (client, seq) frame once: re-sends are dropped, other clients and unkeyed input pass', async () => {
    manager = await connectManager(home, { autoAck: true })
    const s = collect(manager, 'once')
    const info = await manager.spawn({ id: 'once', argv: ['/bin/sh', '-c', 'stty raw -echo; echo ready; exec cat'], cwd: '/tmp', env, cols: 80, rows: 24 })
    pids.push(info.pid)
    await waitFor(() => s.output().includes('ready'), 10_000, 'ready')
    await manager.write('once', 'a', { clientId: 'viewer-one', seq: 1 })
    await manager.write('once', 'a', { clientId: 'viewer-one', seq: 1 })
    await manager.write('once', 'b', { clientId: 'viewer-one', seq: 2 })
    await manager.write('once', 'x', { clientId: 'viewer-one', seq: 1 })
    await manager.write('once', 'c', { clientId: 'viewer-two', seq: 1 })
    await manager.write('once', 'd')
    await manager.write('once', 'Z', { clientId: 'viewer-one', seq: 3 })
    const typed = () => s.output().split('ready')[1]?.replace(/\s+/g, '') ?? ''
    await waitFor(() => typed().endsWith('Z'), 10_000, 'the last frame')
    expect(typed()).toBe('abcdZ')
  })
})
