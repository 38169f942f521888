import type { Insertable, Selectable, Updateable } from 'kysely'

/** Projection of `forum.*` events: one row per thread, rebuilt from the log on demand. */
export interface ForumThreadTable {
  id: string
  kind: string
  title: string
  state: string
  priority: string
  /** 0 urgent .. 3 low, for the inbox order. */
  priority_rank: number
  /** 0 needs the operator, 1 other open, 2 answered, 3 closed: the inbox's first sort key. */
  inbox_bucket: number
  assignee: string | null
  issue_id: string | null
  run_id: string | null
  blocking: number
  /** JSON string[]. */
  options: string
  author: string
  author_role: string
  channel: string
  correlation_id: string
  /** The latest event of the thread: the causation of the next command. */
  last_event_id: string
  post_count: number
  last_post_at: string
  unseen: number
  answered_at: string | null
  closed_at: string | null
  sla_due_at: string | null
  sla_minutes: number | null
  escalations: number
  created_at: string
  updated_at: string
}
export type ForumThreadRow = Selectable<ForumThreadTable>
export type NewForumThreadRow = Insertable<ForumThreadTable>
export type ForumThreadUpdate = Updateable<ForumThreadTable>

export interface ForumPostTable {
  id: string
  thread_id: string
  author: string
  author_role: string
  body: string
  is_answer: number
  created_at: string
  /** The event that added it: posts sort by commit order. */
  event_seq: number
}
export type ForumPostRow = Selectable<ForumPostTable>

/** The SHA-256 of the token a run's MCP server presents; replaced at every launch of the run. */
export interface RunAgentTokenTable {
  run_id: string
  token_hash: string
  created_at: string
}
