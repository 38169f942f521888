import { existsSync } from 'node:fs'
import type { RunCheckpoint } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import { snapshotPrefix } from '../landing/landing-git'
import type { WorkspaceRef } from '../workspaces'
import { typeToAgent } from './agent-input'
import { renderBriefing } from './briefing'
import { type RunDeps, runPolicy, runRepoAndIssue } from './run-context'
import { writeRunFile } from './run-files'
import { findRun, listRuns } from './run.repository'
import { live } from './run-status'
import { patchRun } from './run-transition'
import { workspaceCall } from './workspace-errors'

async function workspaceOf(deps: RunDeps, id: string): Promise<{ run: Run; ws: WorkspaceRef }> {
  const run = await findRun(deps.store.db, id)
  if (!run) throw new ApiError('not_found', `no run with id ${id}`, 'id')
  const { repo } = await runRepoAndIssue(deps.store, run.repoId, run.issueId)
  if (!run.worktreePath || !run.branch || !run.baseBranch) throw new ApiError('refused', `run ${id} has no worktree (it is ${run.state})`, 'id')
  return { run, ws: { repoPath: repo.path, path: run.worktreePath, branch: run.branch, baseBranch: run.baseBranch } }
}

/**
 * Takes a checkpoint after each of the agent's turns, off the agent's path: a request returns at once, one
 * checkpoint per run runs at a time, and requests arriving meanwhile coalesce into one more (with the newest
 * prompt). Failures are recorded on the console, never thrown at the signal that asked.
 */
export class TurnCheckpointer {
  private readonly running = new Map<string, Promise<void>>()
  private readonly again = new Map<string, { trigger: string; prompt: string | null }>()
  private readonly prompts = new Map<string, string>()

  constructor(private readonly deps: RunDeps) {}

  /** The prompt the agent's current turn answers (UserPromptSubmit): the summary of the checkpoint after it. */
  notePrompt(runId: string, prompt: string): void {
    this.prompts.set(runId, prompt)
  }

  /** The prompt summary is the one noted when the request is made (the turn that just ended). */
  request(runId: string, trigger: string, prompt: string | null = this.prompts.get(runId) ?? null): void {
    if (this.running.has(runId)) {
      this.again.set(runId, { trigger, prompt })
      return
    }
    const work = this.take(runId, trigger, prompt)
      .catch((e: unknown) => console.error(`flightdeck: checkpoint of run ${runId} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running.delete(runId)
        const next = this.again.get(runId)
        this.again.delete(runId)
        if (next !== undefined) this.request(runId, next.trigger, next.prompt)
      })
    this.running.set(runId, work)
  }

  /** Resolves when no checkpoint is in flight for the run (tests, shutdown). */
  async idle(runId: string): Promise<void> {
    while (this.running.has(runId)) await this.running.get(runId)
  }

  forget(runId: string): void {
    this.prompts.delete(runId)
    this.quietSeen.delete(runId)
  }

  /** Per run, the idle stretch (its start) a quiet-period checkpoint was already requested for. */
  private readonly quietSeen = new Map<string, number>()

  /**
   * The fallback for agents without turn signals: a running run whose terminal has been quiet for the policy's
   * `checkpointQuietSeconds` gets one checkpoint request per quiet stretch (taken only if files changed).
   */
  async onQuiet(idleFor: (sessionId: string) => number | undefined): Promise<void> {
    for (const run of await listRuns(this.deps.store.db, { state: 'running' })) {
      if (!run.sessionId || this.deps.agents.get(run.agentProfile).status !== 'exit') continue
      const quiet = (await runPolicy(this.deps.store, run.id)).environment.checkpointQuietSeconds
      const idle = idleFor(run.sessionId)
      if (quiet === 0 || idle === undefined || idle < quiet * 1_000) continue
      const stretch = Math.round((Date.now() - idle) / 1_000)
      if (this.quietSeen.get(run.id) === stretch) continue
      this.quietSeen.set(run.id, stretch)
      this.request(run.id, `quiet:${quiet}s`)
    }
  }

  private async take(runId: string, trigger: string, prompt: string | null): Promise<void> {
    const run = await findRun(this.deps.store.db, runId)
    // Nothing to checkpoint once the worktree is gone (cleaned up); its refs stay.
    if (!run?.worktreePath || !existsSync(run.worktreePath)) return
    const { ws } = await workspaceOf(this.deps, runId)
    const taken = await this.deps.workspaces.checkpointTurn(ws, runId, prompt)
    if (!taken) return
    await this.deps.store.write(async (tx) => {
      tx.emit('run.checkpoint', runId, { runId, checkpoint: taken, trigger })
    })
  }
}

export async function listCheckpoints(deps: RunDeps, id: string): Promise<RunCheckpoint[]> {
  const run = await findRun(deps.store.db, id)
  if (!run) throw new ApiError('not_found', `no run with id ${id}`, 'id')
  const { repo } = await runRepoAndIssue(deps.store, run.repoId, run.issueId)
  return workspaceCall(() => deps.workspaces.checkpoints(repo.path, id))
}

export async function checkpointDiff(deps: RunDeps, id: string, from: number, to: number): Promise<{ diff: string }> {
  const run = await findRun(deps.store.db, id)
  if (!run) throw new ApiError('not_found', `no run with id ${id}`, 'id')
  const { repo } = await runRepoAndIssue(deps.store, run.repoId, run.issueId)
  return { diff: await workspaceCall(() => deps.workspaces.checkpointDiff(repo.path, id, from, to)) }
}

/**
 * Rewinds the worktree to checkpoint n (a snapshot of what it held first), then tells the agent: a new briefing
 * version saying so, and, when its session is live, a typed line at its prompt.
 */
export async function rewindRun(deps: RunDeps, id: string, n: number) {
  const { run, ws } = await workspaceOf(deps, id)
  if (run.state === 'validating') throw new ApiError('refused', `run ${id} is validating; rewind after its checks`, 'id')
  const result = await workspaceCall(() => deps.workspaces.rewind(ws, id, n, snapshotPrefix(id)))
  const undo = `flightdeck run restore ${id} --snapshot ${result.saved.n}`
  const later = result.laterCommits > 0 ? ` The ${result.laterCommits} commit(s) made after it stay on the branch; their changes now show as uncommitted reverts.` : ''
  const note = `The operator rewound your worktree to checkpoint ${n} (${new Date(result.checkpoint.at).toISOString()}${result.checkpoint.prompt ? `, after "${result.checkpoint.prompt}"` : ''}): ${result.files.length} file(s) are as they were then.${later} What it held before is saved on ${result.saved.ref} (${undo} brings it back). Check the worktree before you go on.`
  const issue = await findIssue(deps.store.db, run.issueId)
  const latest = issue ? (await listContextPackets(deps.store.db, issue.id)).at(-1) : undefined
  let briefingVersion: number | null = null
  await deps.store.write(async (tx) => {
    tx.emit('run.snapshot', id, { runId: id, snapshot: result.saved, reason: `before rewinding to checkpoint ${n}` })
    tx.emit('run.rewound', id, { runId: id, n, saved: result.saved, files: result.files })
    let packetId: string | undefined
    if (issue && latest) {
      const packet = await appendContextPacket(tx.db, issue.id, { ...latest.content, inputs: { ...latest.content.inputs, rewound: note } })
      await writeRunFile(deps.home, id, 'briefing.md', renderBriefing(issue, packet, ws.path))
      briefingVersion = packet.version
      packetId = packet.id
    }
    await patchRun(tx, run, { ...(packetId ? { context_packet_id: packetId } : {}), detail: `rewound to checkpoint ${n}; undo: ${undo}`.slice(0, 1_500) })
  })
  if (run.sessionId && live.includes(run.state) && run.activity !== 'exited') {
    const sessions = await deps.sessions()
    if ((await sessions.list()).some((s) => s.id === run.sessionId && s.exit === null)) await typeToAgent(sessions, run.sessionId, `Flightdeck: ${note}`)
  }
  return { ...result, briefingVersion }
}

/** Undoes a rewind (in any state, like the rewind itself): its snapshot back into the worktree; the agent is told. */
export async function undoRewind(deps: RunDeps, id: string, n: number) {
  const { run, ws } = await workspaceOf(deps, id)
  const { snapshot, saved } = await workspaceCall(() => deps.workspaces.restore(ws, snapshotPrefix(id), n))
  await deps.store.write(async (tx) => {
    if (saved) tx.emit('run.snapshot', id, { runId: id, snapshot: saved, reason: `before undoing a rewind (restoring snapshot ${n})` })
    await patchRun(tx, run, { detail: `rewind undone: ${snapshot.ref} restored${saved ? `; what the worktree held is on ${saved.ref}` : ''}`.slice(0, 1_500) })
  })
  if (run.sessionId && live.includes(run.state) && run.activity !== 'exited') {
    const sessions = await deps.sessions()
    if ((await sessions.list()).some((s) => s.id === run.sessionId && s.exit === null)) await typeToAgent(sessions, run.sessionId, `Flightdeck: the operator undid the rewind; your worktree's files are back as they were before it. Check the worktree before you go on.`)
  }
  return { snapshot, saved }
}
