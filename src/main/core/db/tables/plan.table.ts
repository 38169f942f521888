import type { Insertable, Selectable } from 'kysely'

export interface PlanTable {
  id: string
  title: string
  summary: string
  status: string
  repo_id: string
  prd_text: string
  /** JSON object. */
  org_constraints: string
  /** JSON array of Clarification. */
  clarifications: string
  current_version: number
  created_at: string
  updated_at: string
}
export type PlanRow = Selectable<PlanTable>
export type NewPlanRow = Insertable<PlanTable>

/** Immutable: triggers refuse updates and deletes. */
export interface PlanVersionTable {
  id: string
  plan_id: string
  version: number
  source: string
  note: string
  /** JSON ArchitecturePack. */
  pack: string
  created_at: string
}
export type PlanVersionRow = Selectable<PlanVersionTable>

export interface PlanMessageTable {
  id: string
  plan_id: string
  role: string
  content: string
  /** JSON PlanProposal, or null. */
  proposal: string | null
  created_at: string
}
export type PlanMessageRow = Selectable<PlanMessageTable>

export interface PlanDecompositionTable {
  plan_id: string
  pack_version: number
  items: string
  report: string
  updated_at: string
}
export type PlanDecompositionRow = Selectable<PlanDecompositionTable>

export interface PlanIssueLinkTable {
  plan_id: string
  item_key: string
  issue_id: string
  github_number: number | null
}

export interface PlanModelCallTable {
  id: string
  plan_id: string | null
  step: string
  attempt: number
  model: string
  input_tokens: number
  output_tokens: number
  stop_reason: string | null
  /** ok, invalid (repaired or not), truncated, error. */
  outcome: string
  detail: string
  duration_ms: number
  created_at: string
}

/** A model-backed plan step in progress (clarify, generate, chat, decompose), across processes. */
export interface PlanLockTable {
  plan_id: string
  step: string
  /** Unique per acquisition: only its holder releases it. */
  holder: string
  /** The holding process; a lock whose process is gone is stale. */
  pid: number
  acquired_at: string
  /** A backstop for a reused pid: past this the lock is stale whatever the pid says. */
  expires_at: string
}
