import { execFileSync } from 'node:child_process'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import fc from 'fast-check'
import type { Run } from '../../src/shared/domain'
import { checkDatabase } from '../fuzz/invariants'
import { ptyHostPids, type ServeProcess, startServe } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'

export type Victim = 'core' | 'pty-host' | 'agent'
export interface ChaosOutcome {
  seed: number
  victim: Victim
  killAfterMs: number
  /** The run's state when the victim was killed, and where it settled after the restart. */
  stateAtKill: string
  /** Processes the kill reached (0: the victim did not exist at that moment, e.g. the agent already ended). */
  killed: number
  finalState: string
  /** Agent sessions the run took (the engine restarts an agent that died, within its restart budget). */
  attempts: number
  resumed: boolean
  problems: string[]
}

const settled = new Set(['ready_to_merge', 'merged', 'failed', 'stopped', 'lost'])
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function children(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0)
  } catch {
    return []
  }
}

function eventIds(home: string): string[] {
  const db = new SqliteDatabase(path.join(home, 'flightdeck.db'), { readonly: true })
  try {
    return (db.prepare('SELECT id FROM events ORDER BY seq').all() as { id: string }[]).map((r) => r.id)
  } finally {
    db.close()
  }
}

async function connect(s: ServeProcess): Promise<WsTestClient> {
  return connectWs(`${s.origin.replace('http', 'ws')}/api/ws?token=${new URL(s.url).searchParams.get('token')}`)
}

async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const v = await check().catch(() => undefined)
    if (v !== undefined) return v
    await sleep(150)
  }
  return undefined
}

/**
 * One seed: start a run of a short shell agent under the built `flightdeck serve`, kill -9 the core, the pty
 * host or the agent at a seeded moment of its lifecycle, restart what died, and check the aftermath.
 */
export async function chaosOnce(seed: number): Promise<ChaosOutcome> {
  // Victims in turn; the moment (queued, preparing, running, validating or after) and the work's length by seed.
  const victim = (['core', 'pty-host', 'agent'] as const)[seed % 3] as Victim
  const [killAfterMs, workSeconds] = fc.sample(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.constantFrom('0.3', '1', '2')), { numRuns: 1, seed })[0] as [number, string]
  const outcome: ChaosOutcome = { seed, victim, killAfterMs, stateAtKill: '', killed: 0, finalState: '', attempts: 0, resumed: false, problems: [] }
  const tmp = tempDir('fd-chaos-')
  const home = path.join(tmp.dir, 'home')
  const savedIdle = process.env.FLIGHTDECK_PTY_HOST_IDLE_MS
  process.env.FLIGHTDECK_PTY_HOST_IDLE_MS = '1000' // inherited by the host serve starts: it must not linger
  let serve: ServeProcess | undefined
  let client: WsTestClient | undefined
  const agentPids = new Set<number>()
  try {
    serve = await startServe(home)
    client = await connect(serve)
    // A validation command that takes a while, so kills also land while the run is validating.
    const policy = { validation: { commands: [{ name: 'check', argv: ['sh', '-c', 'sleep 0.7; test -f chaos.txt'] }] } }
    const repo = await client.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'app'), { '.flightdeck/policy.json': JSON.stringify(policy) }) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: `chaos ${seed}` })
    const agent = ['sh', '-c', `echo work > chaos.txt; sleep ${workSeconds}; git add -A && git commit -qm "chaos work"; exit 0`]
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent })
    const started = Date.now()
    while (Date.now() - started < killAfterMs) {
      for (const host of ptyHostPids(home)) for (const pid of children(host)) agentPids.add(pid)
      await sleep(50)
    }
    outcome.stateAtKill = (await client.invoke('run.get', { id: run.id })).state
    const hosts = ptyHostPids(home)
    const agents = hosts.flatMap(children)
    for (const pid of agents) agentPids.add(pid)
    const committed = eventIds(home)

    if (victim === 'core') {
      outcome.killed = 1
      client.close()
      serve.child.kill('SIGKILL')
      await new Promise((r) => serve!.child.once('exit', r))
      serve = await startServe(home)
      client = await connect(serve)
    } else if (victim === 'pty-host') {
      for (const pid of hosts.filter(alive)) process.kill(pid, 'SIGKILL')
      outcome.killed = hosts.filter(alive).length
    } else {
      for (const pid of agents.filter(alive)) process.kill(pid, 'SIGKILL')
      outcome.killed = agents.length
    }

    const c = client
    let final = await waitUntil(async () => {
      const r = await c.invoke('run.get', { id: run.id })
      return settled.has(r.state) ? r : undefined
    }, 45_000)
    if (final?.state === 'lost') {
      // Lost means resumable: resume it and it must settle again.
      outcome.resumed = true
      await c.invoke('run.resume', { id: run.id })
      final = await waitUntil(async () => {
        const r = await c.invoke('run.get', { id: run.id })
        return settled.has(r.state) && r.state !== 'lost' ? r : undefined
      }, 45_000)
    }
    const last: Run = final ?? (await c.invoke('run.get', { id: run.id }))
    outcome.finalState = last.state
    outcome.attempts = last.attempt
    if (!final) outcome.problems.push(`run stuck in ${last.state} (${last.detail ?? 'no detail'}) 45 s after the kill`)
    if (last.state === 'ready_to_merge' && !(await c.invoke('run.changes', { id: run.id })).some((f) => f.path === 'chaos.txt')) {
      outcome.problems.push('ready_to_merge without the agent\'s work')
    }
    const after = eventIds(home)
    const lostEvents = committed.filter((id) => !after.includes(id))
    if (lostEvents.length) outcome.problems.push(`${lostEvents.length} committed event(s) lost`)
    outcome.problems.push(...checkDatabase(path.join(home, 'flightdeck.db')))
  } catch (error) {
    outcome.problems.push(`scenario error: ${(error as Error).stack ?? error}`)
  } finally {
    client?.close()
    if (serve && serve.child.exitCode === null) {
      serve.child.kill('SIGTERM')
      await new Promise((r) => serve!.child.once('exit', r))
    }
    // Nothing may linger: the idle host exits on its own, and no agent outlives its run.
    const lingering = await waitUntil(async () => (ptyHostPids(home).some(alive) ? undefined : true), 10_000)
    if (!lingering) outcome.problems.push(`pty host still alive 10 s after serve stopped (idle timeout 1 s): ${ptyHostPids(home).filter(alive).join(', ')}`)
    const orphans = [...agentPids].filter(alive)
    if (orphans.length) outcome.problems.push(`orphaned agent process(es): ${orphans.join(', ')}`)
    for (const pid of [...ptyHostPids(home), ...orphans]) if (alive(pid)) process.kill(pid, 'SIGKILL')
    if (savedIdle === undefined) delete process.env.FLIGHTDECK_PTY_HOST_IDLE_MS
    else process.env.FLIGHTDECK_PTY_HOST_IDLE_MS = savedIdle
    // A host killed a moment ago may still be writing its log or history: retry, and never end the run over it.
    for (let i = 0; i < 5; i++) {
      try {
        tmp.cleanup()
        break
      } catch {
        await sleep(200)
      }
    }
  }
  return outcome
}
