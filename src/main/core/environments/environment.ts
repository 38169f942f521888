import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import type { LeasedPort, RunEnvironmentLog } from '../../../shared/contract'
import { runDir } from '../runs/run-files'
import { agentBaseEnv } from '../sandbox/agent-env'
import type { Store } from '../store'
import { copyIgnoredFiles } from './copy-ignored'
import type { EnvironmentPolicy } from './environment.schema'
import { leasePorts, portEnv, releasePorts } from './port-leases'
import { runEnvironmentCommands } from './setup-commands'

export interface EnvironmentInput {
  store: Store
  home: string
  runId: string
  repoPath: string
  worktree: string
  policy: EnvironmentPolicy
}

const readyMark = (home: string, runId: string) => path.join(runDir(home, runId), 'environment-ready')

/**
 * Makes a worktree ready before its agent starts: its port block, and until it has been made ready once the
 * copied gitignored files and the setup commands (again after a launch cut short part-way, never after an
 * agent has worked there: `agentRan`). Returns what the agent's environment gains (the ports).
 */
export async function prepareEnvironment(input: EnvironmentInput & { agentRan: boolean }): Promise<Record<string, string>> {
  const env = portEnv(await leasePorts(input.store, input.runId, input.policy.ports))
  const mark = readyMark(input.home, input.runId)
  if (input.agentRan || fs.existsSync(mark)) return env
  await copyIgnoredFiles(input.repoPath, input.worktree, input.policy.copy)
  await runEnvironmentCommands(input.store, {
    runId: input.runId, phase: 'setup', commands: input.policy.setup, cwd: input.worktree,
    env: { ...agentBaseEnv(process.env, []), ...env }, logFile: path.join(runDir(input.home, input.runId), 'setup.log')
  })
  await fs.promises.mkdir(path.dirname(mark), { recursive: true })
  await fs.promises.writeFile(mark, new Date().toISOString() + '\n')
  return env
}

/** Before a worktree goes: its teardown commands (a failure is reported, cleanup goes on). */
export async function teardownEnvironment(input: EnvironmentInput): Promise<void> {
  const lease = await input.store.db.selectFrom('port_leases').select(['base', 'count']).where('run_id', '=', input.runId).executeTakeFirst()
  try {
    await runEnvironmentCommands(input.store, {
      runId: input.runId, phase: 'teardown', commands: input.policy.teardown, cwd: input.worktree,
      env: { ...agentBaseEnv(process.env, []), ...portEnv(lease ?? null) }, logFile: path.join(runDir(input.home, input.runId), 'teardown.log')
    })
  } catch (error) {
    console.error(`environment: teardown of run ${input.runId}: ${error instanceof Error ? error.message : error}`)
  }
}

export { releasePorts }

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)))
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/** The run's leased ports, each with its variable and whether something listens there now. */
export async function leasedPorts(store: Store, runId: string): Promise<LeasedPort[]> {
  const lease = await store.db.selectFrom('port_leases').select(['base', 'count']).where('run_id', '=', runId).executeTakeFirst()
  if (!lease) return []
  const ports = Array.from({ length: lease.count }, (_, i) => lease.base + i)
  const open = await Promise.all(ports.map(listening))
  return ports.map((port, i) => ({ port, variable: i === 0 ? 'FLIGHTDECK_PORT' : `FLIGHTDECK_PORT_${i}`, listening: open[i] ?? false }))
}

const LOG_TAIL = 64 * 1024

async function tail(file: string): Promise<string> {
  try {
    const handle = await fs.promises.open(file, 'r')
    try {
      const { size } = await handle.stat()
      const start = Math.max(0, size - LOG_TAIL)
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start)
      return buffer.subarray(0, bytesRead).toString('utf8')
    } finally {
      await handle.close()
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw error
  }
}

/** What the worktree's setup and teardown printed: the last 64 KiB of each log. */
export async function environmentLog(home: string, runId: string): Promise<RunEnvironmentLog> {
  const dir = runDir(home, runId)
  const [setup, teardown] = await Promise.all([tail(path.join(dir, 'setup.log')), tail(path.join(dir, 'teardown.log'))])
  return { setup, teardown }
}
