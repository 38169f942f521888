/**
 * The terminal path end to end: a shell run's pty in the pty host -> session manager -> terminal hub ->
 * WebSocket transport -> a client watching the run's terminal that acks as a terminal would, against a raw
 * node-pty read of the same file in the same run. Run alone: node --import tsx bench/terminal-ws.bench.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import { startServer } from '../src/main/server/http-server'
import { spawnPty } from '../src/main/core/sessions/pty.adapter'
import { startTestCore } from '../test/fixtures/core'
import { makeGitRepo } from '../test/fixtures/temp'
import { connectWs } from '../test/fixtures/ws-client'
import { type BenchResult, runIfMain } from './bench-result'

const MiB = 1024 * 1024
const SIZE = 50 * MiB
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color', LANG: 'C.UTF-8' }

function bigFile(dir: string): string {
  const line = 'flightdeck bench 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ ~!@#$%^&*()\n'
  const file = path.join(dir, 'big.txt')
  fs.writeFileSync(file, line.repeat(Math.ceil(SIZE / line.length)).slice(0, SIZE))
  return file
}

/** Time from the first byte to the exit, so process start-up is not part of either number. */
async function rawRead(file: string): Promise<number> {
  const pty = spawnPty('sh', ['-c', `sleep 0.3; cat ${JSON.stringify(file)}`], { cwd: '/tmp', env, cols: 120, rows: 40 })
  let first = 0
  let chars = 0
  pty.onData((d) => {
    first ||= performance.now()
    chars += d.length
  })
  await new Promise((r) => pty.onExit(r))
  return chars / MiB / ((performance.now() - first) / 1_000)
}

export default async function run(): Promise<BenchResult[]> {
  const t = await startTestCore({ engine: true })
  const server = await startServer({ core: t.core, rendererDir: t.dir, port: 0 })
  const client = await connectWs(`${server.origin.replace('http', 'ws')}/api/ws?token=${server.token}`)
  try {
    const file = bigFile(t.dir)
    const repo = await client.invoke('repo.add', { path: makeGitRepo(path.join(t.dir, 'repo')) })
    const raws: number[] = []
    const viaWs: number[] = []
    for (let i = 0; i < 3; i++) {
      raws.push(await rawRead(file))
      const issue = await client.invoke('issue.create', { repoId: repo.id, title: `Bench ${i}` })
      // Waits for a line so the stream starts with the viewer attached.
      const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `read x; cat ${JSON.stringify(file)}`] })
      while (!(await client.invoke('run.get', { id: run.id })).sessionId) await new Promise((r) => setTimeout(r, 50))
      let sessionId = ''
      let first = 0
      let chars = 0
      const done = new Promise<void>((resolve) => {
        const unwatch = client.watch('terminal', run.id, (m) => {
          if ('snapshot' in m) {
            sessionId = m.snapshot.sessionId
            void client.invoke('terminal.input', { sessionId, data: '\r' })
            return
          }
          if ('exit' in m || 'error' in m) return unwatch(), resolve()
          first ||= performance.now()
          chars += m.data.length
          void client.invoke('terminal.ack', { sessionId, chars: m.data.length })
        })
      })
      await done
      viaWs.push(chars / MiB / ((performance.now() - first) / 1_000))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1] as number
    const raw = median(raws)
    const ws = median(viaWs)
    return [
      { name: 'terminal 50 MiB: pty host -> hub -> WebSocket -> client', value: +ws.toFixed(1), unit: 'MiB/s', baseline: +raw.toFixed(1), ratio: +(ws / raw).toFixed(2), target: 'ratio >= 0.9', pass: ws / raw >= 0.9 }
    ]
  } finally {
    client.close()
    await server.close()
    await t.close()
  }
}

runIfMain(import.meta.url, run)
