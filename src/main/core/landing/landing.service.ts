import type { ConflictPreview, LandingEntry, LandingQueue, PullRequestInfo } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { listRepos } from '../repos/repo.repository'
import { findRun } from '../runs/run.repository'
import { moveRun } from '../runs/run-transition'
import type { LandingDeps } from './landing-context'
import { deleteLandingRow, findLandingRow, insertLandingRow, landingEntries, pausedRepos, updateLandingIf } from './landing.repository'
import type { LandingWorker } from './landing-worker'
import { findPullRequest, toPullRequestInfo } from './pr.repository'
import { conflictPreview } from './landing-conflict'
import { runPolicy } from '../runs/run-context'
import { runCheck } from '../runs/validation'

const rankOf = { urgent: 0, high: 1, medium: 2, low: 3 } as const

/** The landing commands of the contract: `merge RUN` queues, the worker lands in order. */
export class LandingService {
  constructor(
    private readonly deps: LandingDeps,
    readonly worker: LandingWorker
  ) {}

  /**
   * Queues a ready run (a blocked one goes back in line after the operator fixed it). Where no engine runs in this
   * process (a one-shot CLI), the queue is worked here and now, so `merge` still lands.
   */
  async enqueue(runId: string): Promise<LandingEntry> {
    const { store } = this.deps.run
    const run = await findRun(store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    const existing = await findLandingRow(store.db, runId)
    if (!existing && run.state !== 'ready_to_merge') throw new ApiError('refused', `run ${runId} is ${run.state}; only a run that is ready to merge can be queued to land`, 'runId')
    if (!run.worktreePath || !run.branch || !run.baseBranch) throw new ApiError('refused', `run ${runId} has no workspace (it was cleaned up)`, 'runId')
    const issue = await store.db.selectFrom('issues').select('priority').where('id', '=', run.issueId).executeTakeFirst()
    const entry = await store.write(async (tx) => {
      if (existing?.status === 'blocked') {
        return updateLandingIf(tx, runId, { status: 'blocked' }, { status: 'queued', reason: 'queued again by the operator', attempts: 0 })
      }
      if (existing && existing.status !== 'returned') return (await landingEntries(tx.db, existing.repo_id)).find((e) => e.runId === runId)
      if (!(await moveRun(tx, runId, 'queued_to_land', { detail: 'queued to land' }))) return undefined
      if (existing) return updateLandingIf(tx, runId, { status: 'returned' }, { status: 'queued', reason: null })
      const ts = now()
      const rank = rankOf[(issue?.priority ?? 'medium') as keyof typeof rankOf] ?? 2
      return insertLandingRow(tx, { id: newId(), run_id: runId, repo_id: run.repoId, priority_rank: rank, enqueued_at: ts, status: 'queued', step: null, reason: null, attempts: 0, conflict_files: '[]', claimed_by: null, claimed_at: null, updated_at: ts })
    })
    if (!entry) throw new ApiError('conflict', `run ${runId} changed while it was being queued; try again`, 'runId')
    if (!this.worker.started) await this.worker.kick()
    return (await landingEntries(store.db, run.repoId)).find((e) => e.runId === runId) ?? { ...entry, status: 'queued', step: null, position: null }
  }

  async list(repoId?: string): Promise<LandingQueue> {
    const db = this.deps.run.store.db
    return { entries: await landingEntries(db, repoId), paused: (await pausedRepos(db)).filter((r) => !repoId || r === repoId) }
  }

  async pause(repoId?: string): Promise<LandingQueue> {
    const repos = await this.scope(repoId)
    await this.deps.run.store.write(async (tx) => {
      for (const id of repos) {
        const done = await tx.db.insertInto('landing_pauses').values({ repo_id: id, paused_at: now() }).onConflict((oc) => oc.doNothing()).executeTakeFirst()
        if (Number(done.numInsertedOrUpdatedRows ?? 0) > 0) tx.emit('landing.paused', id, { repoId: id, paused: true })
      }
    })
    return this.list(repoId)
  }

  async resume(repoId?: string): Promise<LandingQueue> {
    const repos = await this.scope(repoId)
    await this.deps.run.store.write(async (tx) => {
      for (const id of repos) {
        const done = await tx.db.deleteFrom('landing_pauses').where('repo_id', '=', id).executeTakeFirst()
        if (Number(done.numDeletedRows) > 0) tx.emit('landing.paused', id, { repoId: id, paused: false })
      }
    })
    if (!this.worker.started) await this.worker.kick()
    return this.list(repoId)
  }

  /** Out of the queue and ready to merge again; refused while it is landing (pause, or wait for it). */
  async remove(runId: string): Promise<Run> {
    const { store } = this.deps.run
    const row = await findLandingRow(store.db, runId)
    if (!row) throw new ApiError('not_found', `run ${runId} is not in the landing queue`, 'runId')
    if (row.status === 'landing') throw new ApiError('refused', `run ${runId} is landing right now (${row.step ?? 'starting'}); wait for it or pause the queue`, 'runId')
    await store.write(async (tx) => {
      if (!(await deleteLandingRow(tx, row, 'removed by the operator'))) return
      const run = await findRun(tx.db, runId)
      if (run?.state === 'queued_to_land') await moveRun(tx, runId, 'ready_to_merge', { detail: 'removed from the landing queue' })
    })
    return (await findRun(store.db, runId)) as Run
  }

  /** The run's pull request as last read (pull_request landing); null when it has none. */
  async pullRequest(runId: string): Promise<{ pullRequest: PullRequestInfo | null }> {
    const { store } = this.deps.run
    if (!(await findRun(store.db, runId))) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    const row = await findPullRequest(store.db, runId)
    return { pullRequest: row ? toPullRequestInfo(row) : null }
  }

  /** The conflict the run's branch has with its base now (the operator's Re-check while resolving by hand). */
  async conflict(runId: string): Promise<{ preview: ConflictPreview | null }> {
    if (!(await findRun(this.deps.run.store.db, runId))) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    return { preview: await conflictPreview(this.deps, runId) }
  }

  async recheck(runId: string): Promise<{ preview: ConflictPreview | null; checks: { name: string; passed: boolean; exitCode: number | null; tail: string }[] }> {
    const { preview } = await this.conflict(runId)
    if (!preview?.worktreePath || preview.files.length) return { preview, checks: [] }
    const policy = await runPolicy(this.deps.run.store, runId)
    const checks = []
    for (const command of policy.validation.commands) {
      const r = await runCheck(command, preview.worktreePath)
      checks.push({ name: r.name, passed: r.passed, exitCode: r.exitCode, tail: r.log.trim().split('\n').slice(-5).join('\n') })
    }
    return { preview, checks }
  }

  private async scope(repoId?: string): Promise<string[]> {
    const repos = await listRepos(this.deps.run.store.db)
    if (!repoId) return repos.map((r) => r.id)
    if (!repos.some((r) => r.id === repoId)) throw new ApiError('not_found', `no repository with id ${repoId}`, 'repoId')
    return [repoId]
  }
}
