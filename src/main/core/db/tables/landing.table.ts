import type { Insertable, Selectable, Updateable } from 'kysely'

/** One run waiting to land on its base branch, or being landed. */
export interface LandingQueueTable {
  id: string
  run_id: string
  repo_id: string
  /** 0 urgent .. 3 low; the queue orders by it, then by enqueued_at. */
  priority_rank: number
  enqueued_at: string
  /** queued, landing, returned (sent back to the agent), blocked (waits for the operator) or pull_request (its PR is followed). */
  status: string
  step: string | null
  reason: string | null
  /** Times the landing went back to the agent (conflicts, failed checks); bounded by the policy. */
  attempts: number
  /** JSON string[]: the files of the last conflict. */
  conflict_files: string
  /** The engine holding the landing, and when it last said so (a lease). */
  claimed_by: string | null
  claimed_at: string | null
  updated_at: string
}
export type LandingRow = Selectable<LandingQueueTable>
export type NewLandingRow = Insertable<LandingQueueTable>
export type LandingUpdate = Updateable<LandingQueueTable>

export interface LandingPauseTable {
  repo_id: string
  paused_at: string
}
