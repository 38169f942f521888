import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type { Run } from '../../src/shared/domain'
import { checkDatabase } from '../fuzz/invariants'
import { ptyHostPids, type ServeProcess, startServe } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'
import { alive, describeProcesses, descendants, eventIds, git, killAll, sleep, spawnCli } from './chaos-processes'

/** Where in a run's life the kill lands. */
export const phases = ['start', 'preparing', 'running', 'waiting', 'validating', 'landing', 'cleanup'] as const
export type Phase = (typeof phases)[number]
/**
 * Who is killed: the core (`serve`), the pty host, the agent (or, where no agent runs, the command the core runs
 * for the run: setup, validation, git, teardown), or the CLI while it performs the phase's action.
 */
export const victims = ['core', 'pty-host', 'agent', 'cli'] as const
export type Victim = (typeof victims)[number]

export interface ChaosOutcome {
  seed: number
  phase: Phase
  victim: Victim
  killAfterMs: number
  /** The run's state when the victim was killed. */
  stateAtKill: string
  /** Processes the kill reached (0: the victim did not exist at that moment, e.g. the CLI had already finished). */
  killed: number
  finalState: string
  /** Why the run ended where it did, when it says. */
  detail?: string
  /** Agent sessions the run took (the engine restarts an agent that died, within its restart budget). */
  attempts: number
  resumed: boolean
  /** The states the driver saw, in order (a repeat after a restart shows again). */
  seen: string[]
  problems: string[]
}

/** Seeds walk the phases first, then the victims, so any 28 consecutive seeds cover every pair. */
export function planFor(seed: number): { phase: Phase; victim: Victim; killAfterMs: number; workSeconds: string } {
  const phase = phases[seed % phases.length]!
  const victim = victims[Math.floor(seed / phases.length) % victims.length]!
  const max = victim === 'cli' ? 1_000 : 700 // the CLI takes a few hundred ms to load before it acts
  const [killAfterMs, workSeconds] = fc.sample(fc.tuple(fc.integer({ min: 0, max }), fc.constantFrom('0.3', '1', '2')), { numRuns: 1, seed })[0] as [number, string]
  return { phase, victim, killAfterMs, workSeconds }
}

const wsUrl = (s: ServeProcess) => `${s.origin.replace('http', 'ws')}/api/ws?token=${new URL(s.url).searchParams.get('token')}`
const reached: Record<Phase, (r: Run) => boolean> = {
  start: () => true,
  preparing: (r) => r.state === 'preparing',
  running: (r) => r.state === 'running',
  waiting: (r) => r.state === 'waiting',
  validating: (r) => r.state === 'validating',
  landing: (r) => r.state === 'queued_to_land',
  cleanup: (r) => r.state === 'merged'
}

/**
 * One seed: a short shell agent under the built `flightdeck serve` goes round the whole story (setup, work, a
 * question, validation, the landing queue, cleanup) while the seed's victim is killed -9 in the seed's phase.
 * What died is restarted and the story is driven on; then the aftermath is checked.
 */
export async function chaosOnce(seed: number): Promise<ChaosOutcome> {
  const { phase, victim, killAfterMs, workSeconds } = planFor(seed)
  const outcome: ChaosOutcome = { seed, phase, victim, killAfterMs, stateAtKill: '', killed: 0, finalState: '', attempts: 0, resumed: false, seen: [], problems: [] }
  const tmp = tempDir('fd-chaos-')
  const home = path.join(tmp.dir, 'home')
  const savedIdle = process.env.FLIGHTDECK_PTY_HOST_IDLE_MS
  process.env.FLIGHTDECK_PTY_HOST_IDLE_MS = '1000' // inherited by the host serve starts: it must not linger
  let serve: ServeProcess | undefined
  let client: WsTestClient | undefined
  const agentPids = new Set<number>()
  const track = () => {
    for (const host of ptyHostPids(home)) for (const pid of descendants(host)) agentPids.add(pid)
  }
  try {
    serve = await startServe(home)
    client = await connectWs(wsUrl(serve))
    // Setup, validation and teardown that take a while, so kills land inside each of them.
    const policy = {
      environment: { setup: [{ name: 'setup', argv: ['sleep', '0.8'] }], teardown: [{ name: 'teardown', argv: ['sleep', '0.5'] }], ports: 2 },
      validation: { commands: [{ name: 'check', argv: ['sh', '-c', 'sleep 0.7; test -f chaos.txt'] }] }
    }
    const repoPath = makeGitRepo(path.join(tmp.dir, 'app'), { '.flightdeck/policy.json': JSON.stringify(policy) })
    const repo = await client.invoke('repo.add', { path: repoPath })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: `chaos ${seed}` })
    const agent = ['sh', '-c', [
      `echo work > chaos.txt; sleep ${workSeconds}`,
      `mkdir -p .flightdeck && printf '{"question":"Which colour?","options":["red","blue"]}' > .flightdeck/guidance-request.json`,
      'while [ ! -f .flightdeck/guidance-response.json ]; do sleep 0.1; done',
      // Idempotent, as an agent restarted on its own work must be: nothing to commit is not a failure.
      'git add chaos.txt && { git diff --cached --quiet || git commit -qm "chaos work"; }'
    ].join('\n')]

    // The kill: armed when the run reaches the phase, fired after the seed's delay.
    let armedAt: number | undefined
    let cli: ReturnType<typeof spawnCli> | undefined
    let fired = false
    const kill = async (run: Run) => {
      fired = true
      outcome.stateAtKill = run.state
      track()
      const hosts = ptyHostPids(home).filter(alive)
      if (victim === 'core') {
        outcome.killed = 1
        client!.close()
        serve!.child.kill('SIGKILL')
        await new Promise((r) => serve!.child.once('exit', r))
        serve = await startServe(home)
        client = await connectWs(wsUrl(serve))
      } else if (victim === 'pty-host') {
        const agents = hosts.flatMap(descendants)
        outcome.killed = killAll(hosts)
        // An agent never outlives its pty host: a survivor would work on beside the resumed attempt.
        await sleep(1_500)
        const survivors = agents.filter(alive)
        if (survivors.length) outcome.problems.push(`agent process(es) outlived their pty host: ${describeProcesses(survivors)}`)
      } else if (victim === 'agent') {
        const below = hosts.flatMap(descendants)
        const commands = descendants(serve!.child.pid!).filter((pid) => !hosts.includes(pid) && !below.includes(pid))
        outcome.killed = killAll(below.length ? below : commands)
      } else if (cli) {
        outcome.killed = cli.child.exitCode === null ? killAll([cli.child.pid!]) : 0
        await cli.done
      }
    }
    const openThreadOf = async (c: WsTestClient) =>
      (await c.invoke('forum.list', { runId })).find((t) => t.state !== 'answered' && t.state !== 'closed')?.id
    /** The CLI's version of what the driver would do in this phase. */
    const cliAction = async (c: WsTestClient, run: Run): Promise<string[]> => {
      const thread = phase === 'waiting' ? await openThreadOf(c) : undefined
      if (thread) return ['forum', 'answer', thread, '--text', 'blue']
      if (phase === 'landing') return ['merge', run.id]
      if (phase === 'cleanup') return ['cleanup', run.id]
      return ['issue', 'create', '--repo', repo.id, '--title', `written by the CLI during ${phase}`]
    }

    let runId = ''
    if (victim === 'cli' && phase === 'start') {
      // The CLI starts the run itself; killed part-way, either the run exists whole or not at all.
      cli = spawnCli(home, ['run', 'start', issue.id, '--agent', 'shell', '--', ...agent])
      await sleep(killAfterMs)
      await kill({ state: 'queued' } as Run)
      const made = await client.invoke('run.list', { issueId: issue.id })
      if (made.length > 1) outcome.problems.push(`the killed CLI made ${made.length} runs`)
      runId = made[0]?.id ?? (await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent })).id
    } else {
      // Not awaited: run.start answers once the agent runs, and kills in its preparing phase land before that.
      const starting = client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent }).catch(() => undefined)
      for (const until = Date.now() + 20_000; !runId && Date.now() < until; await sleep(20)) runId = (await client.invoke('run.list', { issueId: issue.id }))[0]?.id ?? ''
      if (!runId) runId = (await starting)?.id ?? ''
    }
    const committed = eventIds(home)

    const deadline = Date.now() + 90_000
    let last: Run | undefined
    let cleanupAsked = false
    let done = false
    while (!done && Date.now() < deadline) {
      const c = client!
      const run = await c.invoke('run.get', { id: runId }).catch(() => undefined)
      if (!run) {
        await sleep(100)
        continue
      }
      last = run
      if (outcome.seen.at(-1) !== run.state) outcome.seen.push(run.state)
      const trigger = victim === 'cli' && phase === 'landing' ? run.state === 'ready_to_merge' : reached[phase](run)
      if (!fired && armedAt === undefined && trigger && (phase !== 'cleanup' || cleanupAsked || victim === 'cli')) {
        armedAt = Date.now()
        if (victim === 'cli') cli = spawnCli(home, await cliAction(c, run))
      }
      if (!fired && armedAt !== undefined && Date.now() - armedAt >= killAfterMs) {
        await kill(run)
        continue
      }
      // The phase under test is held until the kill has happened (the CLI does the phase's action itself);
      // everything else moves on as an operator would.
      const held = (p: Phase) => !fired && phase === p && (victim === 'cli' || p === 'waiting')
      track()
      const ended = (run.state === 'merged' && !run.worktreePath) || ((run.state === 'failed' || run.state === 'stopped') && !run.restartDueAt)
      if (ended && run.state !== 'merged' && fired && !outcome.resumed) {
        // Failed or stopped by the kill is fine if it says why and resumes: resume it once, it must land.
        outcome.resumed = true
        outcome.detail = run.detail ?? undefined
        await c.invoke('run.resume', { id: runId }).catch((e: Error) => outcome.problems.push(`resume refused: ${e.message}`))
      } else if (ended) {
        // Done once the kill has happened; a run that ended before its phase came round is reported below.
        done = fired || armedAt === undefined
      } else if (run.state === 'waiting' && !held('waiting')) {
        const thread = await openThreadOf(c)
        if (thread) await c.invoke('forum.answer', { threadId: thread, text: 'blue' }).catch(() => undefined)
      } else if (run.state === 'ready_to_merge' && !held('landing')) {
        await c.invoke('landing.enqueue', { runId }).catch(() => undefined)
      } else if (run.state === 'merged' && !held('cleanup') && (!cleanupAsked || fired)) {
        cleanupAsked = true
        // Not awaited: the kill in the cleanup phase lands while it runs.
        void c.invoke('run.cleanup', { id: runId, keepBranch: true }).catch(() => undefined)
        await sleep(phase === 'cleanup' && !fired ? 0 : 1_000)
      } else if (run.state === 'lost') {
        outcome.resumed = true
        await c.invoke('run.resume', { id: runId }).catch(() => undefined)
      }
      await sleep(100)
    }
    if (!fired) outcome.problems.push(`the run never reached ${phase} (last ${last?.state})`)
    const c = client!
    const final: Run = await c.invoke('run.get', { id: runId })
    outcome.finalState = final.worktreePath || final.state !== 'merged' ? final.state : 'merged, cleaned up'
    outcome.attempts = final.attempt
    if (!done) outcome.problems.push(`run stuck in ${final.state} (${final.detail ?? 'no detail'}${final.worktreePath ? ', worktree kept' : ''}) 90 s after the kill`)
    if (final.state !== 'merged') outcome.detail = final.detail ?? undefined
    if ((final.state === 'failed' || final.state === 'stopped') && !final.detail) outcome.problems.push(`${final.state} without saying why`)
    if (final.state !== 'merged' && outcome.resumed) outcome.problems.push(`resumed after the kill, yet ${final.state}: ${final.detail ?? 'no detail'}`)
    // The agent's work is never lost: on the base once merged, else on a ref or in the worktree.
    if (final.state === 'merged') {
      if (!git(repoPath, 'ls-tree', '--name-only', 'main').split('\n').includes('chaos.txt')) outcome.problems.push('merged, but chaos.txt is not on main')
      if (!final.worktreePath && fs.existsSync(path.join(tmp.dir, 'home', 'worktrees', runId))) outcome.problems.push('cleaned up, but the worktree folder remains')
    } else if (final.attempt > 0 && !git(repoPath, 'log', '--all', '--format=%H', '--', 'chaos.txt').trim() && !(final.worktreePath && fs.existsSync(path.join(final.worktreePath, 'chaos.txt')))) {
      outcome.problems.push(`the agent's chaos.txt is on no ref and in no worktree (run ${final.state})`)
    }
    const after = new Set(eventIds(home))
    const lostEvents = committed.filter((id) => !after.has(id))
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
    let gone = false
    for (const until = Date.now() + 10_000; !gone && Date.now() < until; await sleep(150)) gone = !ptyHostPids(home).some(alive)
    if (!gone) outcome.problems.push(`pty host still alive 10 s after serve stopped (idle timeout 1 s): ${ptyHostPids(home).filter(alive).join(', ')}`)
    const orphans = [...agentPids].filter(alive)
    if (orphans.length) outcome.problems.push(`orphaned agent process(es): ${orphans.join(', ')}`)
    killAll([...ptyHostPids(home).filter(alive), ...orphans])
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
