import type { Grade, ReviewReport, ReviewStage } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { ArtifactRow } from '../db/tables/run.table'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'

type Stored = Omit<ReviewReport, 'id' | 'runId' | 'createdAt'>

function toReview(row: ArtifactRow): ReviewReport {
  return { ...(JSON.parse(row.content ?? '{}') as Stored), id: row.id, runId: row.run_id, createdAt: row.created_at }
}

/** A review is an artifact of its run (kind `review`): the report as JSON, the stage and grade in meta. */
export async function insertReview(tx: WriteTx, runId: string, report: Stored): Promise<ReviewReport> {
  const row = { id: newId(), run_id: runId, kind: 'review', uri: null, content: JSON.stringify(report), meta: JSON.stringify({ stage: report.stage, grade: report.grade }), created_at: now() }
  await tx.db.insertInto('artifacts').values(row).execute()
  const review = toReview(row)
  tx.emit('review.recorded', runId, { review })
  return review
}

export async function listReviews(db: Db, runId: string): Promise<ReviewReport[]> {
  const rows = await db.selectFrom('artifacts').selectAll().where('run_id', '=', runId).where('kind', '=', 'review').orderBy('created_at').orderBy('id').execute()
  return rows.map(toReview)
}

export async function latestReview(db: Db, runId: string, stage: ReviewStage): Promise<ReviewReport | undefined> {
  return (await listReviews(db, runId)).filter((r) => r.stage === stage).at(-1)
}

export type { Grade }
