export interface PortLeaseTable {
  run_id: string
  /** First port of the block; the run owns base .. base + count - 1. */
  base: number
  count: number
  created_at: string
}

/** A session of a run's named command (policy environment.commands): who started what, and how it ended. */
export interface RunCommandSessionTable {
  session_id: string
  run_id: string
  name: string
  /** JSON: the argv it ran (the policy may change later). */
  argv: string
  started_at: string
  ended_at: string | null
  exit_code: number | null
}
