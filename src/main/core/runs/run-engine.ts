import type { EventEnvelope } from '../../../shared/contract'
import type { InputKey } from '../sessions/pty-host.protocol'
import { activeRunStates, type Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { listIssues } from '../issues/issue.repository'
import type { SessionManager } from '../sessions/session-manager'
import { type RunDeps, runPolicy } from './run-context'
import { launchRun } from './run-launcher'
import { findRun, listRuns } from './run.repository'
import { checkHealth } from './run-health'
import { failOrphanedPreparations, recoverRuns } from './run-recovery'
import { moveRun, patchRun } from './run-transition'
import { validateRun } from './run-validation'
import { schedule } from './scheduler'
import { TerminalHub } from './terminal-hub'
import { finishedWork, isInterrupt, live, statusFrom } from './run-status'
import { RunSignals } from './run-signals'
import { TurnCheckpointer } from './run-checkpoints'
import { typeToAgent } from './agent-input'
import { escalate } from './run-escalation'
import { dueRestarts } from './run-restarts'

const rankOf = { urgent: 0, high: 1, medium: 2, low: 3 } as const

/**
 * Drives runs: schedules queued ones within the caps, launches them, turns hooks and exits into state
 * moves, validates finished work, and on start reattaches to agents that kept running in the pty host.
 */
export class RunEngine {
  private hub: TerminalHub | undefined
  private disposers: (() => void)[] = []
  private ticking: Promise<void> | undefined
  private retick = false
  /** Sessions this engine receives output and exits for. */
  private readonly followed = new Set<string>()
  private readonly signals: RunSignals
  /** A checkpoint of the worktree after each agent turn (refs/flightdeck/checkpoints/<run>/<n>). */
  readonly checkpoints: TurnCheckpointer
  private closed = false

  constructor(
    private readonly deps: RunDeps,
    private readonly healthIntervalMs = 10_000
  ) {
    this.checkpoints = new TurnCheckpointer(deps)
    this.signals = new RunSignals(deps, (runId) => this.finish(runId, true), this.checkpoints)
  }

  /** Long-lived processes (the app, `serve`) call this; one-shot CLI commands only tick. */
  async start(): Promise<void> {
    const sessions = await this.terminals()
    this.disposers.push(
      this.deps.store.feed.subscribe((event) => void this.onEvent(event)),
      sessions.onExit(({ id, code, signal }) => void this.onExit(id, code, signal).catch(logError('exit'))),
      sessions.onLost(({ id }) => void this.onLost(id).catch(logError('lost')))
    )
    await recoverRuns(this.deps, sessions, {
      onSignal: (run, hook, payload) => this.onSignal(run.id, hook, payload),
      onExit: (sessionId, code, signal) => this.onExit(sessionId, code, signal),
      onInterruptedValidation: (run, agentAlive) => this.finish(run.id, agentAlive, true)
    })
    await this.tick()
    await this.restartDue()
    const health = setInterval(() => {
      void checkHealth(this.deps, this.hub as TerminalHub).catch(logError('health'))
      void failOrphanedPreparations(this.deps).catch(logError('orphaned preparations'))
      void this.checkpoints.onQuiet((id) => this.hub?.idleFor(id)).catch(logError('quiet checkpoints'))
      void this.restartDue()
    }, this.healthIntervalMs)
    health.unref()
    this.disposers.push(() => clearInterval(health))
  }

  async terminals(): Promise<SessionManager> {
    const sessions = await this.deps.sessions()
    this.hub ??= new TerminalHub(sessions)
    return sessions
  }

  async hubFor(): Promise<TerminalHub> {
    await this.terminals()
    return this.hub as TerminalHub
  }

  /** Starts what the caps and dependencies allow; concurrent calls coalesce into one more pass. */
  tick(): Promise<void> {
    if (this.ticking) {
      this.retick = true
      return this.ticking
    }
    this.ticking = (async () => {
      do {
        this.retick = false
        await this.schedulePass().catch(logError('schedule'))
      } while (this.retick)
    })().finally(() => (this.ticking = undefined))
    return this.ticking
  }

  private async schedulePass(): Promise<void> {
    const { store } = this.deps
    const queued = await listRuns(store.db, { state: 'queued' })
    if (queued.length === 0) return
    const active = await listRuns(store.db, { states: activeRunStates })
    const issues = await listIssues(store.db, { ids: [...new Set(queued.map((r) => r.issueId))] })
    const deps = await listIssues(store.db, { ids: [...new Set(issues.flatMap((i) => i.dependsOn))] })
    const done = new Set(deps.filter((d) => d.status === 'done').map((d) => d.id))
    const policies = new Map<string, Awaited<ReturnType<typeof runPolicy>>>()
    for (const run of queued) if (!policies.has(run.repoId)) policies.set(run.repoId, await runPolicy(store, run.id))
    const { concurrency } = await this.deps.settings()
    const decision = schedule({
      queued,
      active,
      rank: new Map(issues.map((i) => [i.id, rankOf[i.priority]])),
      blockedBy: new Map(issues.map((i) => [i.id, i.dependsOn.filter((d) => !done.has(d))])),
      // The user's global cap spans repositories; a repository policy can only lower it.
      caps: (repoId) => {
        const repo = policies.get(repoId)?.concurrency ?? { global: concurrency.global, perRepo: 3, perAgent: {} }
        return { ...repo, global: Math.min(repo.global, concurrency.global) }
      }
    })
    for (const run of queued) {
      const reason = decision.waiting.get(run.id)
      if (reason && reason !== run.detail) await store.write((tx) => patchRun(tx, run, { detail: reason }))
    }
    await Promise.all(decision.start.map((run) => launchRun(this.deps, run, { resume: false }).catch(logError(`launch ${run.id}`))))
  }

  private async onEvent(event: EventEnvelope): Promise<void> {
    if (event.topic === 'run.signal') {
      const { runId, hook, payload } = event.payload as EventEnvelope<'run.signal'>['payload']
      await this.onSignal(runId, hook, payload).catch(logError(`signal ${hook}`))
    } else if (event.topic === 'run.created' || (event.topic === 'run.updated' && (event.payload as EventEnvelope<'run.updated'>['payload']).from !== undefined)) {
      // A slot freed or work arrived (possibly from the CLI in another process).
      if (event.topic === 'run.updated') await this.follow((event.payload as EventEnvelope<'run.updated'>['payload']).run).catch(logError('follow'))
      void this.tick()
    } else if (event.topic === 'issue.updated') {
      // A dependency finished or was edited away: queued runs it blocked may start now.
      const { issue, changed } = event.payload as EventEnvelope<'issue.updated'>['payload']
      if (issue.status === 'done' || changed?.includes('dependsOn')) void this.tick()
    }
  }

  /**
   * A session another process launched (the CLI) is attached here too, so its exit reaches this engine;
   * if it already ended before we looked, it is settled now.
   */
  private async follow(run: Run): Promise<void> {
    if (!run.sessionId || !live.includes(run.state) || this.followed.has(run.sessionId)) return
    this.followed.add(run.sessionId)
    const sessions = await this.terminals()
    if (sessions.isAttached(run.sessionId)) return
    const hosted = (await sessions.list()).find((s) => s.id === run.sessionId)
    if (!hosted) return
    // Judge by the attach result: an exit between list and attach reaches no event to this attachment.
    const { session } = await sessions.attach(hosted.id)
    if (session.exit) await this.onExit(session.id, session.exit.code, session.exit.signal)
  }

  /** What the agent's signals report; one run's signals in order (see run-signals.ts). */
  onSignal(runId: string, hook: string, payload: Record<string, unknown>): Promise<void> {
    return this.signals.handle(runId, hook, payload)
  }

  /**
   * What the operator types into an agent's terminal. An interrupt (Esc, Ctrl-C) ends the agent's turn
   * without any hook firing: the run says so instead of showing "working" until the next signal.
   */
  async input(sessionId: string, data: string, key?: InputKey): Promise<void> {
    await (await this.terminals()).write(sessionId, data, key)
    if (!isInterrupt(data)) return
    const [run] = await listRuns(this.deps.store.db, { sessionId, state: 'running' })
    if (!run || this.deps.agents.get(run.agentProfile).status !== 'hooks' || run.activity !== 'working') return
    await this.deps.store.write((tx) => patchRun(tx, run, { ...statusFrom('terminal:interrupt', 'idle'), detail: 'interrupted from its terminal; no hook fires for that, so the agent is taken to wait at its prompt' }))
  }

  /** The agent is done for now: validate, and if checks fail while it is still there, tell it. */
  private async finish(runId: string, agentAlive: boolean, interrupted = false): Promise<void> {
    const run = await findRun(this.deps.store.db, runId)
    if (!run) return
    // A failed close gate with the agent gone starts it again, briefed with the findings.
    const after = await validateRun(this.deps, run, agentAlive, { interrupted, onRelaunch: (r) => this.resume(r.id).catch(logError('relaunch after the close gate')) })
    if (after?.state === 'running' && after.sessionId && after.detail) {
      const sessions = await this.terminals()
      await typeToAgent(sessions, after.sessionId, `Flightdeck: ${after.detail}. Please fix this and finish again.`)
    }
  }

  /**
   * `signal`: the agent was killed by one. node-pty then reports exit code 0, so a SIGKILLed agent would pass
   * for one that finished; it counts as the shell's 128 + signal, a failure like any other crash.
   */
  private async onExit(sessionId: string, exitCode: number, signal: number | null = null): Promise<void> {
    // Not while preparing: a preparing run's session is the attempt being replaced (a restart stopped it), whose
    // end must not fail the launch under way; a launch cut short is settled by the health tick (run-launches.ts).
    const [run] = await listRuns(this.deps.store.db, { sessionId, states: live })
    if (!run) return
    const code = signal ? 128 + signal : exitCode
    // Through the sandbox (bwrap) or a shell, a killed agent arrives as 128 + signal with no signal of its own.
    const how = signal
      ? `was killed by signal ${signal} (exit code ${code})`
      : code > 128 && code < 160 ? `exited with code ${code} (killed by signal ${code - 128}, as the sandbox or a shell reports it)` : `exited with code ${code}`
    this.signals.forget(run.id)
    const updated = await this.deps.store.write((tx) => patchRun(tx, run, { ...statusFrom('process:exit', 'exited'), exit_code: code }))
    if (finishedWork.includes(updated.state)) return
    if (code === 0 && (updated.state === 'running' || updated.state === 'waiting')) return this.finish(run.id, false)
    if (code !== 0 && updated.state !== 'validating') {
      const policy = await runPolicy(this.deps.store, run.id)
      const restarts = updated.attempt - 1
      if (restarts < policy.health.restartBudget) {
        // The due time is in the database: an engine that starts later (or another one) restarts it on time.
        const due = new Date(Date.now() + policy.health.restartCooldownSeconds * 1_000).toISOString()
        await this.deps.store.write((tx) => moveRun(tx, run.id, 'failed', { restart_due_at: due }, `the agent ${how}; restarting at ${due} (${restarts + 1} of ${policy.health.restartBudget})`))
        setTimeout(() => void this.restartDue(), policy.health.restartCooldownSeconds * 1_000 + 50).unref()
        return
      }
      const failed = await this.deps.store.write((tx) => moveRun(tx, run.id, 'failed', {}, `the agent ${how}`))
      const spent = policy.health.restartBudget > 0 ? `; its restart budget (${policy.health.restartBudget}) is spent` : ''
      if (failed) await escalate(this.deps, failed, 'Agent failed', `the agent ${how}${spent}`).catch(logError('escalate'))
    }
  }

  private async onLost(sessionId: string): Promise<void> {
    const [run] = await listRuns(this.deps.store.db, { sessionId, states: live })
    if (!run || finishedWork.includes(run.state)) return
    await this.deps.store.write((tx) => moveRun(tx, run.id, 'lost', { activity: 'exited' }, 'the agent process is gone (the pty host stopped); resume it to continue'))
  }

  /** Restarts crashed agents whose cooldown has passed (a restart claimed by another engine is skipped). */
  private async restartDue(): Promise<void> {
    if (this.closed) return
    const due = await dueRestarts(this.deps.store).catch(logError('due restarts'))
    for (const run of due ?? []) await this.resume(run.id).catch(logError('auto-restart'))
  }

  async stop(runId: string): Promise<Run> {
    const run = await this.mustFind(runId)
    const stopped = await this.deps.store.write((tx) => moveRun(tx, run.id, 'stopped', {}, 'stopped by the operator'))
    if (run.sessionId) await (await this.terminals()).kill(run.sessionId, 'SIGTERM').catch(() => undefined)
    return stopped ?? (await this.mustFind(runId))
  }

  /** A fresh agent in the same worktree. */
  async restart(runId: string): Promise<Run> {
    return this.relaunch(runId, false)
  }

  /** A new session that continues the agent's conversation where the profile can. */
  async resume(runId: string, prompt?: string): Promise<Run> {
    return this.relaunch(runId, true, prompt)
  }

  private async relaunch(runId: string, resume: boolean, resumePrompt?: string): Promise<Run> {
    let run = await this.mustFind(runId)
    if (live.includes(run.state)) run = await this.stop(runId)
    if (run.state === 'queued' || run.state === 'preparing' || run.state === 'merged') {
      throw new ApiError('transition_refused', `a ${run.state} run cannot be ${resume ? 'resumed' : 'restarted'}`, 'id')
    }
    return (await launchRun(this.deps, run, { resume, resumePrompt })) ?? (await this.mustFind(runId))
  }

  private async mustFind(runId: string): Promise<Run> {
    const run = await findRun(this.deps.store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'id')
    return run
  }

  /** Quitting: the policy decides whether running agents stop or keep running for the next start. */
  async close(quitting: boolean): Promise<void> {
    this.closed = true
    for (const d of this.disposers.splice(0)) d()
    if (quitting) {
      for (const run of await listRuns(this.deps.store.db, { states: activeRunStates })) {
        if ((await runPolicy(this.deps.store, run.id)).onQuit === 'stop') await this.stop(run.id).catch(logError('stop on quit'))
      }
    }
    this.hub?.dispose()
  }
}

function logError(what: string) {
  return (error: unknown) => console.error(`run engine: ${what} failed:`, error instanceof Error ? error.message : error)
}
