import type { BudgetMetric, Budgets, BudgetStatus, UsageTotals } from '../../../shared/contract'
import { budgetMetrics, budgetsSchema } from '../../../shared/contract/usage'
import type { Db } from '../db/database'
import type { Policy } from '../policy/policy.schema'

/**
 * A run's budgets: the policy's, with the issue's where it sets one. An issue sets budgets in its briefing's
 * inputs (`inputs.budgets`, the same shape as the policy's, e.g. from planning); an invalid one is ignored
 * rather than failing the run's start, and the policy's apply.
 */
export function resolveBudgets(policy: Policy, issueInputs: Record<string, unknown> | undefined): Budgets {
  const fromIssue = budgetsSchema.safeParse(issueInputs?.budgets ?? {})
  const issue = fromIssue.success ? fromIssue.data : budgetsSchema.parse({})
  const out = budgetsSchema.parse({})
  for (const m of budgetMetrics) {
    out[m] = { soft: issue[m].soft ?? policy.budgets[m].soft, hard: issue[m].hard ?? policy.budgets[m].hard }
  }
  return out
}

/** The budgets a run's constraint snapshot carries (none for snapshots written before budgets existed). */
export async function snapshotBudgets(db: Db, runId: string): Promise<{ snapshotId: string | null; budgets: Budgets; content: Record<string, unknown> }> {
  const row = await db
    .selectFrom('runs')
    .leftJoin('constraint_snapshots', 'constraint_snapshots.id', 'runs.constraint_snapshot_id')
    .select(['runs.constraint_snapshot_id as snapshotId', 'constraint_snapshots.content as content'])
    .where('runs.id', '=', runId)
    .executeTakeFirst()
  const content = row?.content ? (JSON.parse(row.content) as Record<string, unknown>) : {}
  const parsed = budgetsSchema.safeParse(content.budgets ?? {})
  return { snapshotId: row?.snapshotId ?? null, budgets: parsed.success ? parsed.data : budgetsSchema.parse({}), content }
}

export type Usage = Record<BudgetMetric, number>

export function usageOf(totals: UsageTotals, wallMinutes: number): Usage {
  return { tokens: totals.tokens, costUsd: totals.costUsd, wallMinutes }
}

/** Each metric against its limits: at or past hard is `hard`, at or past soft is `soft`. */
export function budgetStatus(budgets: Budgets, used: Usage): BudgetStatus[] {
  return budgetMetrics.map((metric) => {
    const { soft, hard } = budgets[metric]
    const value = used[metric]
    const state = hard !== null && value >= hard ? 'hard' : soft !== null && value >= soft ? 'soft' : 'ok'
    return { metric, used: Math.round(value * 1e6) / 1e6, soft, hard, state }
  })
}

const active = new Set(['running', 'waiting', 'validating'])

/**
 * Minutes the run's agent was active (running, waiting for an answer, validating), from its state moves:
 * time paused over budget, queued or stopped does not count, so a raised limit is not spent while paused.
 */
export async function wallMinutes(db: Db, runId: string, at = Date.now()): Promise<number> {
  const moves = await db
    .selectFrom('events')
    .select((eb) => ['ts', eb.fn<string>('json_extract', ['payload', eb.val('$.run.state')]).as('state')])
    .where('entity', '=', runId)
    .where('topic', '=', 'run.updated')
    .orderBy('seq')
    .execute()
  let ms = 0
  let since: number | null = null
  for (const m of moves) {
    const t = Date.parse(m.ts)
    if (since !== null && !active.has(m.state)) {
      ms += t - since
      since = null
    } else if (since === null && active.has(m.state)) since = t
  }
  if (since !== null) ms += at - since
  return Math.max(0, ms / 60_000)
}

export const metricLabel: Record<BudgetMetric, string> = { tokens: 'tokens', costUsd: 'cost (USD)', wallMinutes: 'wall time (minutes)' }

export function formatAmount(metric: BudgetMetric, n: number): string {
  if (metric === 'costUsd') return `$${n.toFixed(2)}`
  if (metric === 'wallMinutes') return `${n.toFixed(n < 1 ? 2 : 1)} min`
  return `${Math.round(n).toLocaleString('en-US')} tokens`
}
