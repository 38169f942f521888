import type { DecompositionReport, PlanDecomposition, PlanIssueLink, PlanMessage, PlanProposal, PlanUsage, WorkItem } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { PlanMessageRow } from '../db/tables/plan.table'
import { newId, now } from '../ids'
import type { CallRecord } from '../model/model-client'

function toMessage(row: PlanMessageRow): PlanMessage {
  return {
    id: row.id,
    planId: row.plan_id,
    role: row.role as PlanMessage['role'],
    content: row.content,
    proposal: row.proposal ? (JSON.parse(row.proposal) as PlanProposal) : null,
    createdAt: row.created_at
  }
}

export async function insertMessage(db: Db, planId: string, role: PlanMessage['role'], content: string, proposal: PlanProposal | null): Promise<PlanMessage> {
  const row = { id: newId(), plan_id: planId, role, content, proposal: proposal ? JSON.stringify(proposal) : null, created_at: now() }
  await db.insertInto('plan_messages').values(row).execute()
  return toMessage(row)
}

export async function listMessages(db: Db, planId: string): Promise<PlanMessage[]> {
  const rows = await db.selectFrom('plan_messages').selectAll().where('plan_id', '=', planId).orderBy('created_at').orderBy('id').execute()
  return rows.map(toMessage)
}

export async function setProposal(db: Db, messageId: string, proposal: PlanProposal): Promise<void> {
  await db.updateTable('plan_messages').set({ proposal: JSON.stringify(proposal) }).where('id', '=', messageId).execute()
}

export async function saveDecomposition(db: Db, planId: string, packVersion: number, items: WorkItem[], report: DecompositionReport): Promise<PlanDecomposition> {
  const row = { plan_id: planId, pack_version: packVersion, items: JSON.stringify(items), report: JSON.stringify(report), updated_at: now() }
  await db
    .insertInto('plan_decompositions')
    .values(row)
    .onConflict((oc) => oc.column('plan_id').doUpdateSet({ pack_version: row.pack_version, items: row.items, report: row.report, updated_at: row.updated_at }))
    .execute()
  return { planId, packVersion, items, report, updatedAt: row.updated_at }
}

export async function findDecomposition(db: Db, planId: string): Promise<PlanDecomposition | null> {
  const row = await db.selectFrom('plan_decompositions').selectAll().where('plan_id', '=', planId).executeTakeFirst()
  if (!row) return null
  return { planId, packVersion: row.pack_version, items: JSON.parse(row.items) as WorkItem[], report: JSON.parse(row.report) as DecompositionReport, updatedAt: row.updated_at }
}

export async function insertLinks(db: Db, planId: string, links: { itemKey: string; issueId: string }[]): Promise<void> {
  if (links.length === 0) return
  for (let i = 0; i < links.length; i += 200) {
    await db.insertInto('plan_issue_links').values(links.slice(i, i + 200).map((l) => ({ plan_id: planId, item_key: l.itemKey, issue_id: l.issueId, github_number: null }))).execute()
  }
}

export async function listLinks(db: Db, planId: string): Promise<PlanIssueLink[]> {
  const rows = await db.selectFrom('plan_issue_links').selectAll().where('plan_id', '=', planId).execute()
  return rows.map((r) => ({ itemKey: r.item_key, issueId: r.issue_id, githubNumber: r.github_number }))
}

export async function setGithubNumber(db: Db, planId: string, itemKey: string, number: number): Promise<void> {
  await db.updateTable('plan_issue_links').set({ github_number: number }).where('plan_id', '=', planId).where('item_key', '=', itemKey).execute()
}

export async function insertModelCall(db: Db, planId: string | null, call: CallRecord): Promise<void> {
  await db
    .insertInto('plan_model_calls')
    .values({ id: newId(), plan_id: planId, step: call.step, attempt: call.attempt, model: call.model, input_tokens: call.inputTokens, output_tokens: call.outputTokens, stop_reason: call.stopReason, outcome: call.outcome, detail: call.detail.slice(0, 4_000), duration_ms: call.durationMs, created_at: now() })
    .execute()
}

export async function planUsage(db: Db, planId: string): Promise<PlanUsage> {
  const rows = await db.selectFrom('plan_model_calls').select(['step', 'input_tokens', 'output_tokens']).where('plan_id', '=', planId).execute()
  const usage: PlanUsage = { calls: 0, inputTokens: 0, outputTokens: 0, byStep: {} }
  for (const r of rows) {
    const step = r.step.split(':')[0] ?? r.step
    const s = (usage.byStep[step] ??= { calls: 0, inputTokens: 0, outputTokens: 0 })
    s.calls++
    s.inputTokens += r.input_tokens
    s.outputTokens += r.output_tokens
    usage.calls++
    usage.inputTokens += r.input_tokens
    usage.outputTokens += r.output_tokens
  }
  return usage
}
