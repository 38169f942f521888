import type { PullRequestEventKind, PullRequestInfo } from '../../../shared/contract'
import type { Db } from '../db/database'
import type { PullRequestRow, PullRequestUpdate } from '../db/tables/pull-request.table'
import { now } from '../ids'
import type { WriteTx } from '../store'

/** What a pull request's follower already saw and handled, so each change is recorded (and sent back) once. */
export interface PrSeen {
  /** Review ids already recorded. */
  reviews?: number[]
  /** Changes-requested reviews already sent back to the agent. */
  handledReviews?: number[]
  /** Check name -> last recorded status/conclusion, for the head in `checksSha`. */
  checks?: Record<string, string>
  checksSha?: string
  /** Heads whose red checks went back to the agent already. */
  handledChecks?: string[]
  /** The head whose all-green checks were recorded. */
  passedSha?: string
  /** Heads whose conflict with the base (GitHub's mergeable: false) went back to the agent already. */
  handledConflicts?: string[]
  /** Newest review per user, for the run view. */
  latestReviews?: Record<string, string>
}

export const readSeen = (row: Pick<PullRequestRow, 'seen'>): PrSeen => JSON.parse(row.seen) as PrSeen

export async function findPullRequest(db: Db, runId: string): Promise<PullRequestRow | undefined> {
  return db.selectFrom('pull_requests').selectAll().where('run_id', '=', runId).executeTakeFirst()
}

export function toPullRequestInfo(row: PullRequestRow): PullRequestInfo {
  const seen = readSeen(row)
  return {
    runId: row.run_id,
    repository: row.repository,
    remote: row.remote,
    branch: row.branch,
    number: row.number,
    url: row.url,
    state: row.state as PullRequestInfo['state'],
    headSha: row.head_sha,
    checks: Object.entries(seen.checksSha === row.head_sha ? (seen.checks ?? {}) : {}).map(([name, result]) => ({ name, result })),
    reviews: Object.entries(seen.latestReviews ?? {}).map(([user, state]) => ({ user, state })),
    lastError: row.last_error,
    updatedAt: row.updated_at
  }
}

/** Creates the run's record on its first push, or updates it. */
export async function upsertPullRequest(tx: WriteTx, row: Omit<PullRequestRow, 'updated_at' | 'seen' | 'number' | 'url' | 'state' | 'head_sha' | 'last_error'>): Promise<PullRequestRow> {
  const existing = await findPullRequest(tx.db, row.run_id)
  if (existing) await tx.db.updateTable('pull_requests').set({ ...row, updated_at: now() }).where('run_id', '=', row.run_id).execute()
  else await tx.db.insertInto('pull_requests').values({ ...row, number: null, url: null, state: 'none', head_sha: null, seen: '{}', last_error: null, updated_at: now() }).execute()
  return (await findPullRequest(tx.db, row.run_id)) as PullRequestRow
}

export async function updatePullRequest(tx: WriteTx, runId: string, update: PullRequestUpdate): Promise<PullRequestRow> {
  await tx.db.updateTable('pull_requests').set({ ...update, updated_at: now() }).where('run_id', '=', runId).execute()
  return (await findPullRequest(tx.db, runId)) as PullRequestRow
}

/** Records one change on the run (its timeline) with the PR as it is now. */
export function prEvent(tx: WriteTx, row: PullRequestRow, kind: PullRequestEventKind, message: string): void {
  tx.emit('landing.pullRequest', row.run_id, { runId: row.run_id, kind, message: message.slice(0, 2_000), pullRequest: toPullRequestInfo(row) })
}
