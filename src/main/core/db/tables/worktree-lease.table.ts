export interface WorktreeLeaseTable {
  /** The worktree's absolute path. */
  path: string
  run_id: string
  /** The pty session that writes in it. */
  session_id: string
  acquired_at: string
}
