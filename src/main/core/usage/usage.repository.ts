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
  return (await recordUsageBatch(tx, [draft]))[0] ?? null
}

/**
 * Records many calls (one telemetry export, one transcript) with three queries instead of two per call:
 * the runs they belong to, the external ids already recorded, one multi-row insert. Returns what was new.
 */
export async function recordUsageBatch(tx: WriteTx, drafts: readonly UsageDraft[]): Promise<UsageRecord[]> {
  const runIds = [...new Set(drafts.map((d) => d.runId).filter((r): r is string => Boolean(r)))]
  const runs = new Map(runIds.length ? (await tx.db.selectFrom('runs').select(['id', 'issue_id', 'repo_id']).where('id', 'in', runIds).execute()).map((r) => [r.id, r]) : [])
  const keyOf = (runId: string | null, source: string, externalId: string) => `${runId}\u0000${source}\u0000${externalId}`
  const externalIds = [...new Set(drafts.map((d) => d.externalId).filter((e): e is string => Boolean(e)))]
  const seen = new Set<string>()
  for (let i = 0; i < externalIds.length; i += 500) {
    // Through the (run_id, source, external_id) index: by run first, never a scan of every record.
    let q = tx.db.selectFrom('usage_records').select(['run_id', 'source', 'external_id']).where('external_id', 'in', externalIds.slice(i, i + 500))
    q = runIds.length ? q.where('run_id', 'in', runIds) : q.where('run_id', 'is', null)
    const rows = await q.execute()
    for (const r of rows) seen.add(keyOf(r.run_id, r.source, r.external_id!))
  }
  const rows: UsageRecordRow[] = []
  const ts = now()
  for (const d of drafts) {
    const run = d.runId ? runs.get(d.runId) : undefined
    const runId = run ? run.id : null
    if (d.externalId) {
      const key = keyOf(runId, d.source, d.externalId)
      if (seen.has(key)) continue
      seen.add(key)
    }
    const tokens = { inputTokens: count(d.inputTokens), outputTokens: count(d.outputTokens), cacheReadTokens: count(d.cacheReadTokens), cacheWriteTokens: count(d.cacheWriteTokens) }
    rows.push({
      id: newId(), run_id: runId, plan_id: d.planId ?? null, issue_id: run?.issue_id ?? null, repo_id: run?.repo_id ?? null,
      source: d.source, model: d.model.slice(0, 200), input_tokens: tokens.inputTokens, output_tokens: tokens.outputTokens,
      cache_read_tokens: tokens.cacheReadTokens, cache_write_tokens: tokens.cacheWriteTokens,
      cost_usd: d.costUsd !== undefined && d.costUsd !== null && Number.isFinite(d.costUsd) ? d.costUsd : priceOf(d.model, tokens),
      external_id: d.externalId ?? null, at: d.at && !Number.isNaN(Date.parse(d.at)) ? new Date(d.at).toISOString() : ts, created_at: ts
    })
  }
  // 16 columns a row: 50 rows stay far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 50) await tx.db.insertInto('usage_records').values(rows.slice(i, i + 50)).execute()
  return rows.map((row) => {
    const record = toUsageRecord(row)
    tx.emit('usage.recorded', row.run_id ?? row.plan_id ?? row.id, { record })
    return record
  })
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
