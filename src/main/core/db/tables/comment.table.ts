import type { Selectable } from 'kysely'

/** Review comments on a run's diff (`comment.*`). */
export interface ReviewCommentTable {
  id: string
  run_id: string
  path: string
  start_line: number
  end_line: number
  body: string
  quote: string
  /** pending | sent */
  status: string
  sent_at: string | null
  packet_version: number | null
  created_at: string
}
export type ReviewCommentRow = Selectable<ReviewCommentTable>
