import { sql } from 'kysely'
import type { UsageGroup, UsageGrouping, UsageRecord, UsageSource, UsageTotals } from '../../../shared/contract'
import type { Db } from '../db/database'
import type { UsageRecordRow } from '../db/tables/usage.table'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'
import { priceOf } from './prices'

/** What a source knows about one model call; the run (or plan) it belongs to comes with it. */
export interface UsageDraft {
  runId?: string | null
  planId?: string | null
  source: UsageSource
  model: string
  inputTokens?: number
  outputTokens?: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
  /** The agent's own figure (Claude Code's cost_usd); undefined: priced from the table. */
  costUsd?: number | null
  externalId?: string | null
  at?: string
}

export function toUsageRecord(row: UsageRecordRow): UsageRecord {
  return {
    id: row.id, runId: row.run_id, planId: row.plan_id, issueId: row.issue_id, repoId: row.repo_id, source: row.source as UsageSource,
    model: row.model, inputTokens: row.input_tokens, outputTokens: row.output_tokens, cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens, costUsd: row.cost_usd, at: row.at
  }
}

const count = (n: number | undefined) => (Number.isFinite(n) && (n as number) > 0 ? Math.round(n as number) : 0)

/**
 * The one way usage is recorded, from every source: one row and a `usage.recorded` event in the caller's
 * transaction. The same external id twice for a run and source is recorded once (returns null then).
 */
export async function recordUsage(tx: WriteTx, draft: UsageDraft): Promise<UsageRecord | null> {
  const run = draft.runId ? await tx.db.selectFrom('runs').select(['issue_id', 'repo_id']).where('id', '=', draft.runId).executeTakeFirst() : undefined
  const tokens = { inputTokens: count(draft.inputTokens), outputTokens: count(draft.outputTokens), cacheReadTokens: count(draft.cacheReadTokens), cacheWriteTokens: count(draft.cacheWriteTokens) }
  const row: UsageRecordRow = {
    id: newId(), run_id: run ? draft.runId! : null, plan_id: draft.planId ?? null, issue_id: run?.issue_id ?? null, repo_id: run?.repo_id ?? null,
    source: draft.source, model: draft.model.slice(0, 200), input_tokens: tokens.inputTokens, output_tokens: tokens.outputTokens,
    cache_read_tokens: tokens.cacheReadTokens, cache_write_tokens: tokens.cacheWriteTokens,
    cost_usd: draft.costUsd !== undefined && draft.costUsd !== null && Number.isFinite(draft.costUsd) ? draft.costUsd : priceOf(draft.model, tokens),
    external_id: draft.externalId ?? null, at: draft.at ?? now(), created_at: now()
  }
  const inserted = await tx.db.insertInto('usage_records').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return null
  const record = toUsageRecord(row)
  tx.emit('usage.recorded', row.run_id ?? row.plan_id ?? row.id, { record })
  return record
}

const totalsColumns = [
  sql<number>`count(*)`.as('calls'),
  sql<number>`coalesce(sum(input_tokens), 0)`.as('inputTokens'),
  sql<number>`coalesce(sum(output_tokens), 0)`.as('outputTokens'),
  sql<number>`coalesce(sum(cache_read_tokens), 0)`.as('cacheReadTokens'),
  sql<number>`coalesce(sum(cache_write_tokens), 0)`.as('cacheWriteTokens'),
  sql<number>`coalesce(sum(cost_usd), 0)`.as('costUsd'),
  sql<number>`coalesce(sum(cost_usd is null), 0)`.as('unpricedCalls')
] as const

function withTokens<T extends Omit<UsageTotals, 'tokens'>>(t: T): T & { tokens: number } {
  return { ...t, costUsd: Math.round(t.costUsd * 1e6) / 1e6, tokens: t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens }
}

export async function runTotals(db: Db, runId: string): Promise<UsageTotals> {
  const row = await db.selectFrom('usage_records').select(totalsColumns).where('run_id', '=', runId).executeTakeFirstOrThrow()
  return withTokens(row)
}

export async function runRecords(db: Db, runId: string, limit = 200): Promise<UsageRecord[]> {
  const rows = await db.selectFrom('usage_records').selectAll().where('run_id', '=', runId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute()
  return rows.map(toUsageRecord)
}

const keyOf: Record<UsageGrouping, ReturnType<typeof sql<string | null>>> = {
  run: sql<string | null>`usage_records.run_id`,
  issue: sql<string | null>`usage_records.issue_id`,
  repo: sql<string | null>`usage_records.repo_id`,
  day: sql<string | null>`substr(usage_records.at, 1, 10)`
}

/** Totals per run, issue, repository or UTC day, with a label to show (an issue's title, a repository's name). */
export async function usageSummary(db: Db, by: UsageGrouping, limit: number): Promise<UsageGroup[]> {
  const rows = await db
    .selectFrom('usage_records')
    .select([keyOf[by].as('key'), ...totalsColumns])
    .groupBy('key')
    .orderBy(by === 'day' ? sql`key` : sql`sum(cost_usd)`, 'desc')
    .orderBy(sql`sum(input_tokens + output_tokens + cache_read_tokens + cache_write_tokens)`, 'desc')
    .limit(limit)
    .execute()
  const keys = rows.map((r) => r.key).filter((k): k is string => k !== null)
  const labels = new Map<string, string>()
  if (keys.length && by === 'repo') for (const r of await db.selectFrom('repos').select(['id', 'name']).where('id', 'in', keys).execute()) labels.set(r.id, r.name)
  if (keys.length && by === 'issue') for (const r of await db.selectFrom('issues').select(['id', 'title']).where('id', 'in', keys).execute()) labels.set(r.id, r.title)
  if (keys.length && by === 'run') {
    const runs = await db.selectFrom('runs').innerJoin('issues', 'issues.id', 'runs.issue_id').select(['runs.id', 'issues.title']).where('runs.id', 'in', keys).execute()
    for (const r of runs) labels.set(r.id, r.title)
  }
  return rows.map((r) => withTokens({ ...r, label: r.key === null ? (by === 'day' ? null : 'not linked to a run (planning)') : (labels.get(r.key) ?? null) }))
}
