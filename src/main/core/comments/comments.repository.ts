import type { ReviewComment } from '../../../shared/contract'
import type { Db } from '../db/database'
import type { ReviewCommentRow } from '../db/tables/comment.table'

export function toComment(row: ReviewCommentRow, addressed: boolean | null): ReviewComment {
  return {
    id: row.id, runId: row.run_id, path: row.path, startLine: row.start_line, endLine: row.end_line, body: row.body, quote: row.quote,
    status: row.status === 'sent' ? 'sent' : 'pending', sentAt: row.sent_at, packetVersion: row.packet_version, addressed, createdAt: row.created_at
  }
}

export function listCommentRows(db: Db, runId: string): Promise<ReviewCommentRow[]> {
  return db.selectFrom('review_comments').selectAll().where('run_id', '=', runId).orderBy('created_at').orderBy('id').execute()
}

export function findCommentRow(db: Db, id: string): Promise<ReviewCommentRow | undefined> {
  return db.selectFrom('review_comments').selectAll().where('id', '=', id).executeTakeFirst()
}
