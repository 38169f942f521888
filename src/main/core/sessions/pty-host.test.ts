import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isAlive } from './pty.adapter'
import { FLOW_HIGH_WATERMARK } from './host-session'
import { collect, connectManager, destroyHost, makeHome, waitFor } from './pty-host.test-support'
import type { SessionManager } from './session-manager'

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8' }
const base = { cwd: '/tmp', env, cols: 80, rows: 24 }

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

describe('pty host sessions through SessionManager', () => {
  it('round-trips input, resizes, reports the exit code', async () => {
    manager = await connectManager(home, { autoAck: true })
    const s = collect(manager, 'rt')
    const info = await manager.spawn({ id: 'rt', argv: ['/bin/sh', '-c', 'stty size; read line; echo "got:$line"; stty size; exit 5'], ...base, cols: 100, rows: 30 })
    pids.push(info.pid)
    await waitFor(() => s.output().includes('30 100'), 10_000, 'initial stty size')
    await manager.resize('rt', 120, 40)
    await manager.write('rt', 'hello host\r')
    const exit = await s.exited
    expect(exit.code).toBe(5)
    expect(exit.output).toContain('got:hello host')
    expect(exit.output).toContain('40 120')
    const [listed] = await manager.list()
    expect(listed).toMatchObject({ id: 'rt', cols: 120, rows: 40, exit: { code: 5, signal: null } })
  })

  it('kill signals the whole process group', async () => {
    manager = await connectManager(home, { autoAck: true })
    const s = collect(manager, 'grp')
    const info = await manager.spawn({ id: 'grp', argv: ['/bin/sh', '-c', 'sleep 300 & echo child=$!; wait'], ...base })
    pids.push(info.pid)
    const child = Number((await waitFor(() => /child=(\d+)/.exec(s.output()), 10_000, 'child pid'))[1])
    pids.push(child)
    await manager.kill('grp', 'SIGTERM')
    expect((await s.exited).signal).toBe(15)
    await waitFor(() => !isAlive(child) && !isAlive(info.pid), 5_000, 'group to die')
  })

  it('runs 100 quick commands, each with its complete output before its exit', async () => {
    manager = await connectManager(home, { autoAck: true })
    let next = 0
    const bad: string[] = []
    const worker = async () => {
      while (next < 100) {
        const i = next++
        const id = `q${i}`
        const s = collect(manager!, id)
        // Mix a one-liner with a >4 KB burst: the burst is what node-pty used to truncate.
        const script = i % 2 ? `printf 'marker-%s\\n' ${i}` : `seq 1 1500; echo marker-${i}`
        pids.push((await manager!.spawn({ id, argv: ['/bin/sh', '-c', script], ...base })).pid)
        const { output, code } = await s.exited
        const complete = output.includes(`marker-${i}\r\n`) && (i % 2 === 1 || output.includes('\r\n1500\r\n'))
        if (code !== 0 || !complete) bad.push(`${id}: code ${code}, ${output.length} chars`)
        await manager!.dispose(id)
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    expect(bad).toEqual([])
    expect(await manager.list()).toEqual([])
  }, 60_000)

  it('pauses a producer for a client that does not ack, and resumes when it does', async () => {
    manager = await connectManager(home) // no autoAck: this client never consumes
    let received = 0
    manager.onData((e) => (received += e.data.length))
    pids.push((await manager.spawn({ id: 'yes', argv: ['yes', 'flow-control-line'], ...base })).pid)
    // The history mirror may hold the flood back briefly too (its own, wider band); wait for the viewer's pause.
    const paused = await waitFor(async () => {
      const st = (await manager!.stats()).sessions[0]
      return st?.paused && st.unacked > FLOW_HIGH_WATERMARK ? st : null
    }, 10_000, 'host to pause the pty for the client that does not ack')
    expect(paused.unacked).toBeGreaterThan(FLOW_HIGH_WATERMARK)
    // Paused means paused: over a second nothing more than in-flight batches may arrive.
    const atPause = received
    await new Promise((r) => setTimeout(r, 1_000))
    const stats = await manager.stats()
    expect(received - atPause).toBeLessThan(150_000)
    expect(received).toBeLessThan(FLOW_HIGH_WATERMARK + 200_000)
    expect(stats.sessions[0]!.unacked).toBeLessThan(FLOW_HIGH_WATERMARK + 200_000)
    expect(stats.sessions[0]!.paused).toBe(true)
    // Acking what we got releases it; keep acking and it keeps flowing.
    let acked = 0
    const ackAll = () => {
      manager!.ack('yes', received - acked)
      acked = received
    }
    const timer = setInterval(ackAll, 10)
    try {
      await waitFor(() => received > atPause + 1_000_000, 20_000, '1 MB more after acking')
    } finally {
      clearInterval(timer)
    }
    expect(stats.rss).toBeLessThan(300 * 1024 * 1024)
  })

  it('attach returns the scrollback and streams what follows', async () => {
    manager = await connectManager(home, { autoAck: true })
    const info = await manager.spawn({ id: 'sb', argv: ['/bin/sh', '-c', 'echo first-part; read x; echo second-part-$x; sleep 300'], ...base })
    pids.push(info.pid)
    const other = await connectManager(home, { autoAck: true })
    try {
      const first = await waitFor(async () => {
        const r = await other.attach('sb')
        return r.scrollback.includes('first-part') ? r : null
      }, 10_000, 'scrollback with first-part')
      expect(first.session.pid).toBe(info.pid)
      const s = collect(other, 'sb')
      await manager.write('sb', 'zz\r')
      await waitFor(() => s.output().includes('second-part-zz'), 10_000, 'live data on the second client')
      expect(s.output()).not.toContain('first-part')
    } finally {
      other.close()
    }
  })
})
