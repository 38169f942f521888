export interface PortLeaseTable {
  run_id: string
  /** First port of the block; the run owns base .. base + count - 1. */
  base: number
  count: number
  created_at: string
}
