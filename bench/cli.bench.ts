// The command line's start-up, as ratios to a bare `node -e 0` timed in the same run, paired (each round runs
// every command once, in turn) and summarised by the median of 10 rounds: `status --json` (a read command),
// `run signal --help` (the full CLI), and an agent's hook (`run signal RUN --hook Stop`) answered through a live
// run's socket, the path every agent turn takes. Needs the built CLI (`npm run build`).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { startTestCore } from '../test/fixtures/core'
import { agentSocketPath } from '../src/main/core/agent-gateway/gateway.protocol'
import { runDir } from '../src/main/core/runs/run-files'
import { type BenchResult, runIfMain } from './bench-result'

const bin = path.resolve(import.meta.dirname, '..', 'bin', 'flightdeck.js')
const ROUNDS = 10

/** Wall time of one run of the command, in ms (spawned asynchronously: the run's socket is served by this process). */
function time(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<number> {
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['pipe', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))))
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

export default async function run(): Promise<BenchResult[]> {
  process.env.TMPDIR ??= '/var/tmp'
  const t = await startTestCore({ engine: true })
  try {
    const c = t.core.client
    const repo = await c.invoke('repo.add', { path: t.gitRepo() })
    const issue = await c.invoke('issue.create', { repoId: repo.id, title: 'hooks' })
    const started = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 300'] })
    const env = { ...process.env, FLIGHTDECK_HOME: t.home }
    const hookEnv = { ...env, FLIGHTDECK_RUN_ID: started.id, FLIGHTDECK_AGENT_SOCKET: agentSocketPath(t.home, started.id), FLIGHTDECK_MCP_TOKEN_FILE: path.join(runDir(t.home, started.id), 'agent-token') }
    const cases: Record<string, () => Promise<number>> = {
      node: () => time(['-e', '0'], env),
      status: () => time([bin, 'status', '--json'], env),
      help: () => time([bin, 'run', 'signal', '--help'], env),
      hook: () => time([bin, 'run', 'signal', started.id, '--hook', 'Stop'], hookEnv, '{}')
    }
    for (const f of Object.values(cases)) await f() // warm the page cache
    const walls: Record<string, number[]> = { node: [], status: [], help: [], hook: [] }
    for (let i = 0; i < ROUNDS; i++) for (const [name, f] of Object.entries(cases)) walls[name]!.push(await f())
    const node = median(walls.node!)
    const result = (name: string, label: string, target: number): BenchResult => {
      const value = median(walls[name]!)
      return { name: label, value: Math.round(value), unit: 'ms', baseline: Math.round(node), ratio: Number((node / value).toFixed(3)), target: `<= ${target}x node -e 0`, pass: value <= target * node }
    }
    return [
      result('hook', "agent hook: run signal --hook Stop through the run's socket (median of 10)", 2),
      result('status', 'status --json (median of 10)', 4),
      result('help', 'run signal --help, the full CLI (median of 10)', 4)
    ]
  } finally {
    await t.close()
  }
}

runIfMain(import.meta.url, run)
