import type { Insertable, Selectable, Updateable } from 'kysely'

export interface ViolationTable {
  id: string
  repo_id: string
  issue_id: string | null
  run_id: string | null
  stage: string
  rule: string
  doctrine: string
  severity: string
  /** 1 blocking, 0 warning. */
  blocking: number
  message: string
  /** JSON ViolationEvidence[]. */
  evidence: string
  /** Same violation across re-checks (rule, file, target; no line numbers). */
  fingerprint: string
  status: string
  override_reason: string | null
  created_at: string
  updated_at: string
}
export type ViolationRow = Selectable<ViolationTable>
export type NewViolationRow = Insertable<ViolationTable>
export type ViolationUpdate = Updateable<ViolationTable>

export interface GateResultTable {
  id: string
  run_id: string
  gate: string
  /** launch, validation, merge or check. */
  phase: string
  passed: number
  /** JSON GateCondition[]. */
  conditions: string
  created_at: string
}
export type GateResultRow = Selectable<GateResultTable>
