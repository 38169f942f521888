import type { RunDeps } from './run-context'
import { findRun } from './run.repository'
import { finishedWork, live, sessionPatch, statusFrom, workingSignals } from './run-status'
import { moveRun, patchRun } from './run-transition'
import type { TurnCheckpointer } from './run-checkpoints'


/**
 * What the agent's signals (agent-signals.ts) mean for its run: work, a question, the end of a turn (validated
 * through `finish`), its conversation id. One run's signals are applied in order, one at a time: two Stops
 * arriving together must not both validate. Subagents still working after the main turn ended keep it busy.
 */
export class RunSignals {
  /** Subagents each run's agent has started and not yet ended, and runs whose main turn ended meanwhile. */
  private readonly subagents = new Map<string, number>()
  private readonly stopPending = new Set<string>()
  private readonly chains = new Map<string, Promise<void>>()

  constructor(
    private readonly deps: RunDeps,
    private readonly finish: (runId: string) => Promise<void>,
    private readonly checkpoints?: TurnCheckpointer
  ) {}

  async handle(runId: string, hook: string, payload: Record<string, unknown>): Promise<void> {
    // A turn ended (Stop) or a new one begins (UserPromptSubmit: what the operator changed between turns is
    // kept too): checkpoint the worktree off the agent's path; the next turn's prompt names the next one.
    if (this.checkpoints && (hook === 'Stop' || hook === 'UserPromptSubmit')) {
      this.checkpoints.request(runId, `hook:${hook}`)
      if (hook === 'UserPromptSubmit' && typeof payload.prompt === 'string') this.checkpoints.notePrompt(runId, payload.prompt)
    }
    const next = (this.chains.get(runId) ?? Promise.resolve()).then(() => this.apply(runId, hook, payload))
    const settled = next.catch(() => undefined)
    this.chains.set(runId, settled)
    try {
      await next
    } finally {
      if (this.chains.get(runId) === settled) this.chains.delete(runId)
    }
  }

  /** The agent's process ended: its subagents with it. */
  forget(runId: string): void {
    this.checkpoints?.forget(runId)
    this.subagents.delete(runId)
    this.stopPending.delete(runId)
  }

  private async apply(runId: string, hook: string, payload: Record<string, unknown>): Promise<void> {
    const run = await findRun(this.deps.store.db, runId)
    if (!run || !live.includes(run.state)) return
    const seen = { ...statusFrom(`hook:${hook}`), ...sessionPatch(run, payload) }
    const subagents = this.subagents.get(run.id) ?? 0
    if (hook === 'SubagentStart') this.subagents.set(run.id, subagents + 1)
    if (hook === 'SubagentStop') this.subagents.set(run.id, Math.max(0, subagents - 1))
    if (hook === 'UserPromptSubmit' && (finishedWork.includes(run.state) || run.state === 'validating')) {
      await this.deps.store.write((tx) => moveRun(tx, run.id, 'running', { ...seen, activity: 'working' }, 'the agent is working again'))
    } else if (hook === 'Notification') {
      const message = typeof payload.message === 'string' ? payload.message.slice(0, 500) : 'the agent needs your attention'
      await this.deps.store.write((tx) => patchRun(tx, run, { ...seen, activity: 'needs_input', detail: message }))
    } else if (hook === 'Stop' && run.state === 'running' && subagents > 0) {
      // The main loop ended its turn while subagents still work: the run is busy, its work not yet done.
      this.stopPending.add(run.id)
      await this.deps.store.write((tx) => patchRun(tx, run, { ...seen, activity: 'working', detail: waitingFor(subagents) }))
    } else if ((hook === 'Stop' || (hook === 'SubagentStop' && subagents === 1 && this.stopPending.has(run.id))) && run.state === 'running') {
      this.stopPending.delete(run.id)
      await this.deps.store.write((tx) => patchRun(tx, run, { ...seen, activity: 'idle', detail: null }))
      await this.finish(run.id)
    } else if (hook === 'implementation-complete' && run.state === 'running' && this.deps.agents.get(run.agentProfile).status === 'exit') {
      // mark_complete / implementation-complete.json; agents with hooks finish on their Stop hook instead.
      await this.finish(run.id)
    } else if (hook === 'PostCompact' && payload.trigger === 'manual') {
      // The operator's /compact: the agent compacted and is back at its prompt (no Stop hook follows it).
      await this.deps.store.write((tx) => patchRun(tx, run, { ...seen, activity: 'idle' }))
    } else if (workingSignals.has(hook) && run.state !== 'waiting') {
      // Busy in any live state (a compaction or a subagent after its work was offered); the state stays. A run
      // waiting on its question stays "needs input": a busy signal arriving late must not hide the question.
      const clears = run.activity === 'stalled' || run.detail?.startsWith('idle: ')
      const left = this.subagents.get(run.id) ?? 0
      const detail = this.stopPending.has(run.id) ? { detail: waitingFor(left) } : clears ? { detail: null } : {}
      await this.deps.store.write((tx) => patchRun(tx, run, { ...seen, activity: 'working', ...detail }))
    } else if (seen.agent_session_id || hook === 'SessionStart') {
      // Only the conversation id while the run waits on its question: its status stays the question's. Each hook
      // is its own process, so a SessionStart can arrive after the session's first prompt (UserPromptSubmit): once
      // the launch has heard a later hook, a SessionStart brings the conversation id, not the status's source.
      const heard = hook === 'SessionStart' && Boolean(run.activitySource?.startsWith('hook:'))
      const patch = run.state === 'waiting' || heard ? { agent_session_id: seen.agent_session_id } : seen
      if (patch.agent_session_id !== undefined || (run.state !== 'waiting' && !heard)) await this.deps.store.write((tx) => patchRun(tx, run, patch))
    }
  }
}

function waitingFor(subagents: number): string {
  return `the main agent waits for ${subagents} subagent${subagents === 1 ? '' : 's'} still working`
}
