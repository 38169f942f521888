import { type ParsedInput, parseTerminalKey, type RunMergeCheck, type Streams, type TerminalSnapshot } from '../../../shared/contract'
import type { AgentInfo, Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { withUserAgents } from '../agents/agent-catalog'
import { releasePorts, teardownEnvironment } from '../environments/environment'
import { latestCommandSession, type RunCommandService } from '../environments/run-commands'
import { snapshotPrefix } from '../landing/landing-git'
import { eventsForEntity } from '../timeline/timeline.repository'
import { newId, now } from '../ids'
import { listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import { loadPolicy } from '../policy/load-policy'
import { policySchema } from '../policy/policy.schema'
import { findRepo } from '../repos/repo.repository'
import { resolveBudgets } from '../usage/budgets'
import { readPersistedScrollback } from '../sessions/session-manager'
import type { WorkspaceRef } from '../workspaces'
import { type RunDeps, runPolicy, runRepoAndIssue } from './run-context'
import type { RunEngine } from './run-engine'
import { findRun, insertRun, listRuns, toRun } from './run.repository'
import { moveRun, patchRun } from './run-transition'
import { workspaceCall } from './workspace-errors'
import { checkpointDiff, listCheckpoints, rewindRun, undoRewind } from './run-checkpoints'
import { releaseWorktreeLease } from './worktree-lease'
import { resolveStartPoint } from './run-start-point'

const rankOf = { urgent: 0, high: 1, medium: 2, low: 3 } as const

/** The run commands of the contract. */
export class RunService {
  constructor(
    private readonly deps: RunDeps,
    readonly engine: RunEngine,
    readonly commands: RunCommandService
  ) {}

  async agents(repoId?: string): Promise<AgentInfo[]> {
    const repo = repoId ? await findRepo(this.deps.store.db, repoId) : undefined
    const policy = repo ? (await loadPolicy(repo.path)).policy : policySchema.parse({})
    return this.deps.agents.list(withUserAgents(policy, (await this.deps.settings()).agents))
  }

  /** Queues a run pinned to the issue's current briefing and a constraint snapshot, then lets the scheduler go. */
  async start(input: ParsedInput<'run.start'>): Promise<Run> {
    const { store } = this.deps
    const issue = await findIssue(store.db, input.issueId)
    if (!issue) throw new ApiError('not_found', `no issue with id ${input.issueId}`, 'issueId')
    if (issue.status === 'done' || issue.status === 'cancelled') {
      throw new ApiError('refused', `issue ${issue.id} is ${issue.status}; reopen it before starting a run`, 'issueId')
    }
    const repo = await findRepo(store.db, issue.repoId)
    if (!repo) throw new ApiError('not_found', `the issue's repository ${issue.repoId} is not registered`, 'issueId')
    const policy = withUserAgents((await loadPolicy(repo.path)).policy, (await this.deps.settings()).agents)
    const agent = input.agent ?? policy.agents.default
    if (agent === 'shell' && !input.argv && !policy.agents.profiles.shell?.argv) {
      throw new ApiError('invalid_input', 'the shell agent needs a command: pass argv (e.g. run start ISSUE --agent shell -- make fix)', 'argv')
    }
    // Fail before writing anything when the agent is unknown or not installed.
    this.deps.agents.assertInstalled(agent, policy, input.argv)
    const packet = (await listContextPackets(store.db, issue.id)).at(-1)
    if (!packet) throw new ApiError('not_found', `issue ${issue.id} has no briefing`, 'issueId')
    const startPoint = input.from ? await resolveStartPoint(this.deps, repo, input.from) : null

    const run = await store.write(async (tx) => {
      const snapshotId = newId()
      const ts = now()
      await tx.db
        .insertInto('constraint_snapshots')
        .values({ id: snapshotId, issue_id: issue.id, content: JSON.stringify({ agent, concurrency: policy.concurrency, health: policy.health, validation: policy.validation, onQuit: policy.onQuit, budgets: resolveBudgets(policy, packet.content.inputs) }), created_at: ts })
        .execute()
      const row = {
        id: newId(),
        issue_id: issue.id,
        repo_id: repo.id,
        agent_profile: agent,
        state: 'queued',
        context_packet_id: packet.id,
        constraint_snapshot_id: snapshotId,
        branch: null,
        worktree_path: null,
        policy_snapshot: JSON.stringify(policy),
        created_at: ts,
        updated_at: ts,
        ended_at: null,
        session_id: null,
        attempt: 0,
        activity: 'unknown',
        exit_code: null,
        base_branch: null,
        argv: input.argv ? JSON.stringify(input.argv) : null,
        detail: null,
        last_output_at: null,
        agent_session_id: null,
        activity_source: null,
        activity_at: null,
        restart_due_at: null,
        priority_rank: rankOf[issue.priority],
        start_point: startPoint ? JSON.stringify(startPoint) : null
      }
      await insertRun(tx.db, row)
      const created = toRun(row)
      tx.emit('run.created', created.id, { run: created })
      return created
    })
    await this.deps.sessions()
    await this.engine.tick()
    return this.get(run.id)
  }

  list(input: ParsedInput<'run.list'>): Promise<Run[]> {
    return listRuns(this.deps.store.db, input)
  }

  async get(id: string): Promise<Run> {
    const run = await findRun(this.deps.store.db, id)
    if (!run) throw new ApiError('not_found', `no run with id ${id}`, 'id')
    return run
  }

  private async workspaceOf(id: string): Promise<{ run: Run; ws: WorkspaceRef }> {
    const run = await this.get(id)
    const repo = await findRepo(this.deps.store.db, run.repoId)
    if (!repo || !run.worktreePath || !run.branch || !run.baseBranch) {
      throw new ApiError('refused', `run ${id} has no workspace yet (it is ${run.state})`, 'id')
    }
    return { run, ws: { repoPath: repo.path, path: run.worktreePath, branch: run.branch, baseBranch: run.baseBranch } }
  }

  async changes(id: string) {
    const { ws } = await this.workspaceOf(id)
    return workspaceCall(() => this.deps.workspaces.listChanges(ws))
  }

  async diff(id: string) {
    const { ws } = await this.workspaceOf(id)
    return { diff: await workspaceCall(() => this.deps.workspaces.diff(ws)) }
  }

  async mergeCheck(id: string): Promise<RunMergeCheck> {
    const { run, ws } = await this.workspaceOf(id)
    const check = await workspaceCall(() => this.deps.workspaces.mergeCheck(ws))
    const blockers: string[] = []
    if (run.state !== 'ready_to_merge') blockers.push(`the run is ${run.state}, not ready to merge`)
    if (check.worktreeDirty) blockers.push('the run worktree has uncommitted changes')
    if (check.baseDirty) blockers.push(`the base worktree (${ws.baseBranch}) has uncommitted changes`)
    if (check.conflicts.length) blockers.push(`conflicts with ${ws.baseBranch} in ${check.conflicts.join(', ')}`)
    else if (check.behindBy > 0) blockers.push(`the branch is ${check.behindBy} commit(s) behind ${ws.baseBranch}; rebase first`)
    if (check.aheadBy === 0) blockers.push('the branch has no commits to merge')
    return { ...check, blockers }
  }

  async merge(id: string, strategy?: 'merge' | 'squash'): Promise<Run> {
    const { run, ws } = await this.workspaceOf(id)
    if (run.state !== 'ready_to_merge') throw new ApiError('refused', `run ${id} is ${run.state}; only a run that is ready to merge can merge`, 'id')
    // Governance may have changed since validation (a new violation, an override): the close gate again.
    await this.deps.gates?.beforeMerge(run)
    const issue = await findIssue(this.deps.store.db, run.issueId)
    const policy = (await this.deps.store.db.selectFrom('runs').select('policy_snapshot').where('id', '=', id).executeTakeFirst())?.policy_snapshot
    const chosen = strategy ?? (policy ? (JSON.parse(policy) as { workspace?: { mergeStrategy?: 'merge' | 'squash' } }).workspace?.mergeStrategy : undefined) ?? 'merge'
    const sha = await workspaceCall(() =>
      this.deps.workspaces.merge(ws, { strategy: chosen, message: `${issue?.title ?? 'Flightdeck run'} (run ${run.id})` })
    )
    const merged = await this.deps.store.write(async (tx) => {
      await tx.db.insertInto('artifacts').values({ id: newId(), run_id: id, kind: 'commit', uri: sha, content: null, meta: JSON.stringify({ merged: true, strategy: chosen, into: ws.baseBranch }), created_at: now() }).execute()
      const moved = (await moveRun(tx, id, 'merged', { detail: `merged into ${ws.baseBranch} as ${sha.slice(0, 10)}` })) as Run
      await this.deps.issues.followRun(tx, run.issueId, 'done')
      return moved
    })
    // The work is in; an agent still sitting at its prompt has nothing left to do in this worktree.
    if (run.sessionId && run.activity !== 'exited') await (await this.engine.terminals()).kill(run.sessionId, 'SIGTERM').catch(() => undefined)
    return merged
  }

  async rebase(id: string): Promise<Run> {
    const { ws } = await this.workspaceOf(id)
    await workspaceCall(() => this.deps.workspaces.rebase(ws))
    return this.get(id)
  }

  async cleanup(id: string, keepBranch: boolean, force: boolean) {
    const { run, ws } = await this.workspaceOf(id)
    if (['preparing', 'running', 'waiting', 'validating'].includes(run.state)) {
      throw new ApiError('refused', `run ${id} is ${run.state}; stop it before cleaning up its worktree`, 'id')
    }
    const landing = await this.deps.store.db.selectFrom('landing_queue').select('status').where('run_id', '=', id).executeTakeFirst()
    if (landing?.status === 'landing') throw new ApiError('refused', `run ${id} is landing right now; wait for it or pause the queue before cleaning up`, 'id')
    const { repo } = await runRepoAndIssue(this.deps.store, run.repoId, run.issueId)
    const environment = { store: this.deps.store, home: this.deps.home, runId: id, repoPath: repo.path, worktree: ws.path, policy: (await runPolicy(this.deps.store, id)).environment }
    await this.commands.stopAll(id)
    await teardownEnvironment(environment)
    const result = await workspaceCall(() => this.deps.workspaces.cleanup(ws, { keepBranch, force, snapshotPrefix: snapshotPrefix(id) }))
    await releasePorts(this.deps.store, id)
    await releaseWorktreeLease(this.deps.store, id)
    await this.deps.store.write(async (tx) => {
      const saved = result.snapshot
      if (saved) tx.emit('run.snapshot', id, { runId: id, snapshot: saved, reason: 'forced cleanup' })
      const kept = saved ? `; ${saved.files.length} uncommitted file(s) discarded from the worktree and saved on ${saved.ref}: \`flightdeck run restore ${id} --snapshot ${saved.n}\` brings them back` : ''
      const detail = `worktree removed${result.deletedBranch ? ' and branch deleted' : `; branch ${ws.branch} kept`}${kept}`
      const patch = { worktree_path: null, ...(result.deletedBranch ? { branch: null } : {}), detail }
      // Without its worktree the run cannot merge or land any more: its story ends here.
      if (run.state === 'ready_to_merge' || run.state === 'queued_to_land') {
        await moveRun(tx, run.id, 'stopped', { ...patch, detail: `cleaned up before merging: ${detail}` }, 'cleaned up before merging')
        if (await tx.db.deleteFrom('landing_queue').where('run_id', '=', id).executeTakeFirst().then((r) => Number(r.numDeletedRows) > 0)) {
          tx.emit('landing.removed', id, { runId: id, repoId: run.repoId, reason: 'the run was cleaned up' })
        }
      } else await patchRun(tx, run, patch)
    })
    return result
  }

  async restore(id: string, n?: number) {
    const run = await this.get(id)
    if (['preparing', 'running', 'waiting', 'validating'].includes(run.state)) throw new ApiError('refused', `run ${id} is ${run.state}; stop it before restoring a snapshot into its worktree`, 'id')
    const { repo } = await runRepoAndIssue(this.deps.store, run.repoId, run.issueId)
    // A cleaned-up run's worktree comes back where it was, on its branch: the last known ones, from its events.
    const known = (await eventsForEntity(this.deps.store.db, id, 5_000)).map((e) => (e.payload as { run?: Run }).run).filter((r): r is Run => Boolean(r?.worktreePath && r.branch)).at(-1)
    const path = run.worktreePath ?? known?.worktreePath
    const branch = run.branch ?? known?.branch
    if (!path || !branch || !run.baseBranch) throw new ApiError('refused', `run ${id} never had a worktree; there is nothing to restore`, 'id')
    const ws = { repoPath: repo.path, path, branch, baseBranch: run.baseBranch }
    const { snapshot, saved } = await workspaceCall(() => this.deps.workspaces.restore(ws, snapshotPrefix(id), n))
    await this.deps.store.write(async (tx) => {
      if (saved) tx.emit('run.snapshot', id, { runId: id, snapshot: saved, reason: `before restoring snapshot ${snapshot.n}` })
      await patchRun(tx, run, { worktree_path: path, branch, detail: `restored ${snapshot.ref} (${snapshot.files.length} file(s)) into the worktree${saved ? `; what it held is on ${saved.ref}` : ''}` })
    })
    return { path, snapshot, saved }
  }

  /** Turn checkpoints (run-checkpoints.ts). */
  checkpoints = (id: string) => listCheckpoints(this.deps, id)
  checkpointDiff = (id: string, from: number, to: number) => checkpointDiff(this.deps, id, from, to)
  rewind = (id: string, n: number) => rewindRun(this.deps, id, n)
  undoRewind = (id: string, snapshot: number) => undoRewind(this.deps, id, snapshot)

  async signal(input: ParsedInput<'run.signal'>): Promise<{ accepted: true }> {
    await this.get(input.id)
    await this.deps.store.write(async (tx) => {
      tx.emit('run.signal', input.id, { runId: input.id, hook: input.hook, payload: input.payload })
    })
    return { accepted: true }
  }

  async openTerminal(runId: string, command?: string): Promise<TerminalSnapshot> {
    const { sessionId, hosted } = await this.terminalOf(runId, command)
    return hosted ? (await this.liveSnapshot(sessionId)).snapshot : this.persistedSnapshot(sessionId)
  }

  /**
   * Follows a run's terminal: its snapshot, then exactly the output after it, then live output. A session the
   * host no longer has gives its persisted history (not live) and nothing more. Failures arrive as a message.
   * The key names the run's agent or one of its named commands (see terminalKey).
   */
  async watchTerminal(key: string, listener: (message: Streams['terminal']) => void): Promise<() => void> {
    try {
      const { runId, command } = parseTerminalKey(key)
      const { sessionId, hosted } = await this.terminalOf(runId, command)
      if (!hosted) {
        listener({ snapshot: await this.persistedSnapshot(sessionId) })
        return () => undefined
      }
      return await (await this.engine.hubFor()).watchFrom(sessionId, () => this.liveSnapshot(sessionId), listener)
    } catch (error) {
      listener({ error: error instanceof Error ? error.message : String(error) })
      return () => undefined
    }
  }

  /** The session of the run's agent (or of a named command) and whether the pty host still has it. */
  private async terminalOf(runId: string, command?: string): Promise<{ sessionId: string; hosted: boolean }> {
    const run = await this.get(runId)
    const sessionId = command ? (await latestCommandSession(this.deps.store.db, runId, command))?.session_id : run.sessionId
    if (!sessionId) throw new ApiError('refused', command ? `"${command}" has not been started in run ${runId}` : `run ${runId} has no terminal yet (it is ${run.state})`, command ? 'command' : 'runId')
    return { sessionId, hosted: (await (await this.engine.terminals()).list()).some((s) => s.id === sessionId) }
  }

  private async liveSnapshot(sessionId: string): Promise<{ snapshot: TerminalSnapshot; pos: number }> {
    const { scrollback, session, pos } = await (await this.engine.terminals()).snapshot(sessionId)
    return { snapshot: { sessionId, scrollback, cols: session.cols, rows: session.rows, live: session.exit === null }, pos }
  }

  private async persistedSnapshot(sessionId: string): Promise<TerminalSnapshot> {
    const scrollback = (await readPersistedScrollback(this.deps.home, sessionId)) ?? ''
    return { sessionId, scrollback, cols: 120, rows: 32, live: false }
  }
}
