import type { EventEnvelope } from '../../../shared/contract'
import type { LandingRow } from '../db/tables/landing.table'
import { newId, now } from '../ids'
import { findRun } from '../runs/run.repository'
import { moveRun } from '../runs/run-transition'
import { landHead } from './land-head'
import { followPullRequest, pullRequestDue } from './pr-follow'
import type { LandingDeps } from './landing-context'
import { deleteLandingRow, listLandingRows, pausedRepos, updateLandingIf } from './landing.repository'

export interface LandingWorkerOptions {
  /** How long a claim holds without a heartbeat before another engine may take the landing over. */
  leaseMs?: number
  /** How often the queue is looked at without an event (expired leases, missed events). */
  intervalMs?: number
}

/**
 * Lands queued runs, one at a time per repository. Inside the run engine's process; any number of engines may
 * share the database: each landing is claimed with a compare-and-set and held by a lease with a heartbeat.
 */
export class LandingWorker {
  /** This engine, as the holder of claims. */
  readonly id = newId()
  private readonly leaseMs: number
  private readonly intervalMs: number
  private disposers: (() => void)[] = []
  private passing: Promise<void> | undefined
  private again = false
  private stopping = false

  constructor(
    private readonly deps: LandingDeps,
    options: LandingWorkerOptions = {}
  ) {
    this.leaseMs = options.leaseMs ?? 60_000
    this.intervalMs = options.intervalMs ?? 5_000
  }

  get started(): boolean {
    return this.disposers.length > 0
  }

  start(): void {
    const timer = setInterval(() => void this.kick(), this.intervalMs)
    timer.unref()
    this.disposers.push(() => clearInterval(timer), this.deps.run.store.feed.subscribe((e) => this.onEvent(e)))
    void this.kick()
  }

  /** Takes no new head; waits for the landing in progress, which is short of validations and always redoable. */
  async stop(): Promise<void> {
    this.stopping = true
    for (const d of this.disposers.splice(0)) d()
    await this.passing
  }

  /** Runs a pass now, or one more after the current one; resolves when the queue has nothing more to do. */
  kick(): Promise<void> {
    if (this.passing) {
      this.again = true
      return this.passing
    }
    this.passing = (async () => {
      do {
        this.again = false
        await this.pass().catch((error: unknown) => console.error('landing: pass failed:', error instanceof Error ? error.message : error))
      } while (this.again)
    })().finally(() => (this.passing = undefined))
    return this.passing
  }

  private onEvent(event: EventEnvelope): void {
    if (event.topic === 'landing.updated' || event.topic === 'landing.paused') void this.kick()
    else if (event.topic === 'run.updated' && (event.payload as EventEnvelope<'run.updated'>['payload']).from !== undefined) void this.kick()
  }

  private async pass(): Promise<void> {
    await this.tidy()
    const paused = new Set(await pausedRepos(this.deps.run.store.db))
    const rows = await listLandingRows(this.deps.run.store.db)
    const repos = new Set(rows.filter((r) => r.status === 'queued' || r.status === 'landing').map((r) => r.repo_id))
    // Repositories land independently; within one, strictly one at a time. Pull requests are followed beside.
    await Promise.all([
      ...[...repos].filter((r) => !paused.has(r)).map(async (repoId) => {
        for (let head = await this.claim(repoId); head; head = await this.claim(repoId)) await this.hold(head)
      }),
      this.followPullRequests(rows.filter((r) => r.status === 'pull_request'))
    ])
  }

  /** One look at each pull request that is due (its policy's interval since the last look, or a rate limit's reset). */
  private async followPullRequests(rows: LandingRow[]): Promise<void> {
    for (const row of rows) {
      if (this.stopping) return
      if (await pullRequestDue(this.deps, row.run_id)) await followPullRequest(this.deps, this.id, row, this.leaseMs)
    }
  }

  /** Keeps the lease fresh while the landing runs. */
  private async hold(row: LandingRow): Promise<void> {
    const beat = setInterval(() => {
      void this.deps.run.store.db.updateTable('landing_queue').set({ claimed_at: now() }).where('run_id', '=', row.run_id).where('claimed_by', '=', this.id).execute().catch(() => undefined)
    }, Math.max(50, this.leaseMs / 3))
    try {
      await landHead(this.deps, this.id, row)
    } finally {
      clearInterval(beat)
    }
  }

  /**
   * Takes the repository's head: a landing whose holder's lease ran out (it crashed or quit mid-way), or else
   * the first queued entry. Undefined while another engine holds a live landing, or when nothing waits.
   */
  private async claim(repoId: string): Promise<LandingRow | undefined> {
    if (this.stopping || (await pausedRepos(this.deps.run.store.db)).includes(repoId)) return undefined
    return this.deps.run.store.write(async (tx) => {
      const rows = await listLandingRows(tx.db, repoId)
      const landing = rows.find((r) => r.status === 'landing')
      const ts = now()
      if (landing) {
        const fresh = landing.claimed_at !== null && Date.parse(landing.claimed_at) > Date.now() - this.leaseMs
        if (fresh || landing.claimed_by === this.id) return undefined
        const taken = await updateLandingIf(tx, landing.run_id, { status: 'landing', claimedBy: landing.claimed_by }, { claimed_by: this.id, claimed_at: ts, reason: 'taken over after an interrupted landing' })
        return taken ? { ...landing, claimed_by: this.id, claimed_at: ts } : undefined
      }
      const head = rows.find((r) => r.status === 'queued')
      if (!head) return undefined
      const taken = await updateLandingIf(tx, head.run_id, { status: 'queued', claimedBy: null }, { status: 'landing', step: null, reason: null, claimed_by: this.id, claimed_at: ts })
      return taken ? { ...head, status: 'landing', claimed_by: this.id, claimed_at: ts } : undefined
    })
  }

  /**
   * Entries whose run moved on leave the queue; a run sent back to its agent comes back in line (keeping its
   * count of attempts) as soon as it is ready to merge again: the operator asked for it to land once already.
   */
  private async tidy(): Promise<void> {
    const { store } = this.deps.run
    for (const row of await listLandingRows(store.db)) {
      if (row.status === 'landing') continue
      const run = await findRun(store.db, row.run_id)
      if (row.status === 'returned') {
        if (run?.state === 'ready_to_merge') {
          await store.write(async (tx) => {
            if (await updateLandingIf(tx, row.run_id, { status: 'returned' }, { status: 'queued', reason: `back in line after attempt ${row.attempts}` })) {
              await moveRun(tx, row.run_id, 'queued_to_land', { detail: 'queued to land' })
            }
          })
        } else if (!run || run.state === 'merged' || run.state === 'stopped' || run.state === 'failed') {
          await store.write((tx) => deleteLandingRow(tx, row, `the run is ${run?.state ?? 'gone'}`))
        }
      } else if (run?.state !== 'queued_to_land') {
        await store.write((tx) => deleteLandingRow(tx, row, `the run is ${run?.state ?? 'gone'}`))
      }
    }
  }
}
