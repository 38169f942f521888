import type { Selectable } from 'kysely'

/** Which process is preparing a run (worktree, setup, session): a run whose preparer died is not waited on forever. */
export interface RunLaunchTable {
  run_id: string
  pid: number
  /** The machine of that process (a pid means nothing elsewhere). */
  host: string
  started_at: string
}
export type RunLaunchRow = Selectable<RunLaunchTable>
