import type { Insertable, Selectable } from 'kysely'

/** One model call (or a reported batch) of a run or a plan; append-only. */
export interface UsageRecordTable {
  id: string
  run_id: string | null
  plan_id: string | null
  issue_id: string | null
  repo_id: string | null
  source: string
  model: string
  input_tokens: number
  output_tokens: number
  cache_read_tokens: number
  cache_write_tokens: number
  cost_usd: number | null
  /** The agent's id for the call; unique per run and source, so a re-read transcript or a re-sent export counts once. */
  external_id: string | null
  at: string
  created_at: string
}
export type UsageRecordRow = Selectable<UsageRecordTable>
export type NewUsageRecordRow = Insertable<UsageRecordTable>

/** A limit a run crossed under one constraint snapshot: each is acted on once, by whichever engine wins the insert. */
export interface BudgetAlertTable {
  run_id: string
  snapshot_id: string
  metric: string
  level: string
  used: number
  limit_value: number
  thread_id: string | null
  created_at: string
}
export type BudgetAlertRow = Selectable<BudgetAlertTable>
