import type { AgentActivity, Run, RunStartPoint, RunState } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { NewRunRow, RunRow, RunUpdate } from '../db/tables/run.table'

/** Every column a Run is made of: not the policy snapshot (a kilobyte or more per run, read on its own where needed). */
const runColumns = [
  'id', 'issue_id', 'repo_id', 'agent_profile', 'state', 'context_packet_id', 'constraint_snapshot_id', 'branch', 'worktree_path', 'base_branch',
  'session_id', 'attempt', 'activity', 'exit_code', 'argv', 'detail', 'last_output_at', 'agent_session_id', 'activity_source', 'activity_at',
  'restart_due_at', 'start_point', 'created_at', 'updated_at', 'ended_at'
] as const satisfies readonly (keyof RunRow)[]

export function toRun(row: Omit<RunRow, 'policy_snapshot' | 'priority_rank'>): Run {
  return {
    id: row.id,
    issueId: row.issue_id,
    repoId: row.repo_id,
    agentProfile: row.agent_profile,
    state: row.state as RunState,
    contextPacketId: row.context_packet_id,
    constraintSnapshotId: row.constraint_snapshot_id,
    branch: row.branch,
    worktreePath: row.worktree_path,
    baseBranch: row.base_branch,
    sessionId: row.session_id,
    attempt: row.attempt,
    activity: row.activity as AgentActivity,
    exitCode: row.exit_code,
    argv: row.argv ? (JSON.parse(row.argv) as string[]) : [],
    detail: row.detail,
    lastOutputAt: row.last_output_at,
    agentSessionId: row.agent_session_id,
    activitySource: row.activity_source,
    activityAt: row.activity_at,
    restartDueAt: row.restart_due_at,
    startPoint: row.start_point ? (JSON.parse(row.start_point) as RunStartPoint) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at
  }
}

export async function insertRun(db: Db, row: NewRunRow): Promise<void> {
  await db.insertInto('runs').values(row).execute()
}

/** Updates a run only if it is still in `expectedState`, so two engines never both take a run. */
export async function updateRunIf(db: Db, id: string, expectedState: RunState, update: RunUpdate): Promise<boolean> {
  const result = await db.updateTable('runs').set(update).where('id', '=', id).where('state', '=', expectedState).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function findRun(db: Db, id: string): Promise<Run | undefined> {
  const row = await db.selectFrom('runs').select(runColumns).where('id', '=', id).executeTakeFirst()
  return row ? toRun(row) : undefined
}

export interface RunFilter {
  issueId?: string
  sessionId?: string
  repoId?: string
  state?: RunState
  states?: readonly RunState[]
  limit?: number
}

export async function listRuns(db: Db, filter: RunFilter): Promise<Run[]> {
  let query = db.selectFrom('runs').select(runColumns)
  if (filter.issueId) query = query.where('issue_id', '=', filter.issueId)
  if (filter.repoId) query = query.where('repo_id', '=', filter.repoId)
  if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId)
  if (filter.state) query = query.where('state', '=', filter.state)
  if (filter.states) query = query.where('state', 'in', filter.states.length ? [...filter.states] : [''])
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 20_000).execute()
  return rows.map(toRun)
}
