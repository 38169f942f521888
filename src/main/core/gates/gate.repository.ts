import type { GateCondition, GateName, GatePhase, GateResult } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { GateResultRow } from '../db/tables/governance.table'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'

function toGateResult(row: GateResultRow): GateResult {
  return { id: row.id, runId: row.run_id, gate: row.gate as GateName, phase: row.phase as GatePhase, passed: row.passed === 1, conditions: JSON.parse(row.conditions) as GateCondition[], createdAt: row.created_at }
}

/** Records a gate evaluation and announces it. */
export async function insertGateResult(tx: WriteTx, runId: string, gate: GateName, phase: GatePhase, conditions: GateCondition[]): Promise<GateResult> {
  const row = { id: newId(), run_id: runId, gate, phase, passed: conditions.every((c) => c.status !== 'failed') ? 1 : 0, conditions: JSON.stringify(conditions), created_at: now() }
  await tx.db.insertInto('gate_results').values(row).execute()
  const result = toGateResult(row)
  tx.emit('gate.evaluated', runId, { result })
  return result
}

export async function listGateResults(db: Db, runId: string): Promise<GateResult[]> {
  const rows = await db.selectFrom('gate_results').selectAll().where('run_id', '=', runId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toGateResult)
}

/** Failed close gates that sent the run back (or failed it), for the retry budget. */
export async function countFailedCloseGates(db: Db, runId: string): Promise<number> {
  const row = await db.selectFrom('gate_results').select((eb) => eb.fn.countAll<number>().as('n')).where('run_id', '=', runId).where('gate', '=', 'close').where('phase', '=', 'validation').where('passed', '=', 0).executeTakeFirst()
  return Number(row?.n ?? 0)
}
