import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isAlive } from './pty.adapter'
import { ptyHostPaths } from './pty-host.protocol'
import {
  collect, connectManager, destroyHost, makeHome, readHostPid, repoRoot, testHostCommand, waitFor
} from './pty-host.test-support'
import { readPersistedScrollback, type SessionManager } from './session-manager'

let home: string
let managers: SessionManager[] = []
let pids: number[] = []

beforeEach(() => {
  home = makeHome()
  pids = []
})

afterEach(async () => {
  const [first, ...rest] = managers
  for (const m of rest) m.close()
  await destroyHost(home, first ?? null, pids)
  managers = []
})

const counter = ['/bin/sh', '-c', 'i=0; while :; do echo tick-$i; i=$((i+1)); sleep 0.05; done']
const base = { cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' }, cols: 80, rows: 24 }

/** Runs the fixture core in its own process and returns once its session printed a few ticks. */
async function startChildCore(id: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/core/sessions/session-core.fixture.ts', home, id], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  const line = await waitFor(() => out.split('\n').find((l) => l.startsWith('{')), 20_000, 'child core to report')
  return { child, ...(JSON.parse(line) as { hostPid: number; pid: number }) }
}

describe('sessions outlive the core', () => {
  it('survive a SIGKILLed core and are reattached with scrollback by the next one', async () => {
    const core = await startChildCore('agent')
    pids.push(core.pid)
    const exited = new Promise((r) => core.child.once('exit', r))
    core.child.kill('SIGKILL')
    await exited
    expect(isAlive(core.hostPid)).toBe(true)
    expect(isAlive(core.pid)).toBe(true)

    const b = await connectManager(home, { autoAck: true })
    managers.push(b)
    expect(b.hostPid).toBe(core.hostPid)
    const [listed] = await b.list()
    expect(listed).toMatchObject({ id: 'agent', pid: core.pid, exit: null })
    const live = collect(b, 'agent')
    const { scrollback } = await b.attach('agent')
    expect(scrollback).toMatch(/tick-[0-3]\r?\n/)
    const lastInScrollback = Math.max(...[...scrollback.matchAll(/tick-(\d+)/g)].map((m) => Number(m[1])))
    // New output continues where the history stopped, with no gap and no repeat.
    await waitFor(() => live.output().includes(`tick-${lastInScrollback + 5}`), 30_000, 'new ticks after attach')
    expect(live.output()).toContain(`tick-${lastInScrollback + 1}\r\n`)
    expect(live.output()).not.toContain(`tick-${lastInScrollback}\r\n`)
    expect(isAlive(core.pid)).toBe(true)
  })

  it('survive a client that disconnects, and a second client takes over', async () => {
    const a = await connectManager(home, { autoAck: true })
    const info = await a.spawn({ id: 'loop', argv: counter, ...base })
    pids.push(info.pid)
    const seen = collect(a, 'loop')
    await waitFor(() => seen.output().includes('tick-2'), 30_000, 'ticks on A')
    a.close()
    const b = await connectManager(home, { autoAck: true })
    managers.push(b)
    const { scrollback } = await b.attach('loop')
    expect(scrollback).toContain('tick-2')
    const live = collect(b, 'loop')
    await waitFor(() => /tick-\d+/.test(live.output()), 30_000, 'ticks on B')
  })

  it('kill -9 of the host: agents get SIGHUP and die, the persisted scrollback keeps the history', async () => {
    const a = await connectManager(home, { autoAck: true })
    managers.push(a)
    const hostPid = a.hostPid!
    const info = await a.spawn({ id: 'doomed', argv: counter, ...base })
    pids.push(info.pid)
    const lost = new Promise<{ id: string }>((r) => a.onLost(r))
    await waitFor(async () => (await readPersistedScrollback(home, 'doomed'))?.includes('tick-5'), 40_000, 'persisted scrollback')
    process.kill(hostPid, 'SIGKILL')
    await waitFor(() => !isAlive(hostPid), 5_000, 'host to die')
    // Closing the pty master hangs the terminal up: the session leader and its group get SIGHUP.
    await waitFor(() => !isAlive(info.pid), 5_000, 'agent to die with the host')
    const history = await readPersistedScrollback(home, 'doomed')
    expect(history).toContain('tick-5')
    // The client reconnects (starting a fresh host) and reports the session lost.
    expect(await lost).toEqual({ id: 'doomed' })
    expect(a.hostPid).not.toBe(hostPid)
    expect(await a.list()).toEqual([])
  })

  it('replaces a stale socket and rejects clients without the token', async () => {
    const paths = ptyHostPaths(home)
    writeFileSync(paths.socket, '') // leftover of a host killed with -9
    writeFileSync(paths.info, JSON.stringify({ pid: 999_999, protocolVersion: 1, token: 'old', socket: paths.socket }))
    const m = await connectManager(home)
    managers.push(m)
    expect(readHostPid(home)).toBe(m.hostPid)
    const reply = await new Promise<string>((resolve) => {
      const sock = createConnection(paths.socket)
      let got = ''
      sock.on('connect', () => sock.write(JSON.stringify({ t: 'hello', token: 'wrong', version: 1 }) + '\n' + JSON.stringify({ op: 'list', rid: 1 }) + '\n'))
      sock.on('data', (d) => (got += d))
      sock.on('close', () => resolve(got))
    })
    expect(reply).toBe('')
    expect(existsSync(paths.socket)).toBe(true)
    // A second host for the same home refuses to start (exit code 3) and leaves the first alone.
    const second = spawn(testHostCommand.execPath, [...testHostCommand.args, '--home', home], { cwd: repoRoot, stdio: 'ignore' })
    expect(await new Promise((r) => second.once('exit', r))).toBe(3)
    expect(await m.list()).toEqual([])
  })
})
