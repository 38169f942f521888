import type { Insertable, Selectable, Updateable } from 'kysely'

export interface RunTable {
  id: string
  issue_id: string
  repo_id: string
  agent_profile: string
  state: string
  context_packet_id: string
  constraint_snapshot_id: string | null
  branch: string | null
  worktree_path: string | null
  /** JSON: the policy the run started under. */
  policy_snapshot: string | null
  created_at: string
  updated_at: string
  ended_at: string | null
  /** The pty session currently (or last) hosting the agent. */
  session_id: string | null
  /** Sessions started so far (restarts and resumes add one). */
  attempt: number
  /** AgentActivity: what the agent reports, from hooks or its exit. */
  activity: string
  exit_code: number | null
  base_branch: string | null
  /** JSON argv of the agent session. */
  argv: string | null
  /** Why the run is in its state (a refusal, a failure, a stall). */
  detail: string | null
  last_output_at: string | null
  /** Scheduling order: 0 urgent .. 3 low, from the issue. */
  priority_rank: number
  /** The agent's own conversation id (from its signals), so resume continues this run's conversation. */
  agent_session_id: string | null
  /** Where the current activity came from (a hook, an MCP call, the process, the terminal), and when. */
  activity_source: string | null
  activity_at: string | null
  /** When a crashed agent's automatic restart is due (policy cooldown); null when none is pending. */
  restart_due_at: string | null
  /** JSON RunStartPoint: where the run's branch started when not at the base's tip; null for the base. */
  start_point: string | null
}
export type RunRow = Selectable<RunTable>
export type NewRunRow = Insertable<RunTable>
export type RunUpdate = Updateable<RunTable>

export interface ArtifactTable {
  id: string
  run_id: string
  kind: string
  uri: string | null
  content: string | null
  meta: string
  created_at: string
}
export type ArtifactRow = Selectable<ArtifactTable>
export type NewArtifactRow = Insertable<ArtifactTable>
