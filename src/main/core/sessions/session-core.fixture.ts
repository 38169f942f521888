/**
 * A stand-in "core" for the survival test: starts the host, spawns a counter session, reports
 * the pids on stdout and then waits to be SIGKILLed. Usage: session-core.fixture.ts <home> <id>
 */
import { connectManager } from './pty-host.test-support'

const [home, id] = process.argv.slice(2) as [string, string]
const manager = await connectManager(home, { autoAck: true })
let seen = ''
const ready = new Promise<void>((resolve) =>
  manager.onData((e) => {
    seen += e.data
    if (seen.includes('tick-3')) resolve()
  })
)
const info = await manager.spawn({
  id,
  argv: ['/bin/sh', '-c', 'i=0; while :; do echo tick-$i; i=$((i+1)); sleep 0.05; done'],
  cwd: '/tmp',
  env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' },
  cols: 80,
  rows: 24
})
await ready
process.stdout.write(JSON.stringify({ hostPid: manager.hostPid, pid: info.pid }) + '\n')
setInterval(() => {}, 1_000)
