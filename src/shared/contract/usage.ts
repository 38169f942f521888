/**
 * Usage and budgets.
 *
 * How an agent's usage reaches Flightdeck (src/main/core/usage/):
 * - Claude Code: its OpenTelemetry export. Every session gets CLAUDE_CODE_ENABLE_TELEMETRY=1, OTLP/HTTP JSON
 *   exporters for logs and metrics pointed at the engine's loopback receiver (OTEL_EXPORTER_OTLP_ENDPOINT, a
 *   bearer token in OTEL_EXPORTER_OTLP_HEADERS) and OTEL_RESOURCE_ATTRIBUTES=flightdeck.run_id=<run>; each
 *   `api_request` log event (model, input/output/cache tokens, cost_usd) is one record. This works in the
 *   sandbox with the network on (the host's loopback is shared). With the network off the agent gets no
 *   exporter and its transcript (the Stop hook's transcript_path) is read instead.
 * - Any other agent (Codex, Gemini CLI, opencode, Qwen Code adapters): one call per model call, or per batch,
 *     flightdeck run signal <run> --hook usage '{"model":"gpt-5","inputTokens":1200,"outputTokens":300,
 *       "cacheReadTokens":0,"cacheWriteTokens":0,"costUsd":0.01,"externalId":"resp_123"}'
 *   (the payload is `usageDraftSchema`; omit costUsd to price it from the table, give externalId so a retry
 *   counts once). It travels through the run's socket from inside the sandbox too. In-process code calls
 *   `recordUsage(tx, draft)` (usage.repository.ts) inside its own write; clients call `usage.record`.
 * - Flightdeck's planning and grading calls: recorded from the SDK responses' usage.
 *
 * Budgets (tokens, costUsd, wallMinutes; each soft and hard) come from the policy's `budgets` and the
 * issue's briefing inputs (`inputs.budgets`) into the run's constraint snapshot. Soft: an inbox note. Hard:
 * the run is stopped with a blocking "raise the budget or stop" question, and its close gate fails until
 * `budget.raise` writes a new snapshot, which resumes the run.
 */
import { z } from 'zod'
import type { Run } from '../domain'
import { command, topic } from './kit'
import { id, text } from './schemas'

/**
 * Where a usage record came from. otel: Claude Code's OpenTelemetry export to Flightdeck's loopback OTLP
 * receiver; transcript: the agent's own transcript file (sandboxed agents, which have no network); agent: any
 * other agent through `usage.record` / `flightdeck run usage`; planning and grading: Flightdeck's own calls.
 */
export const usageSources = ['otel', 'transcript', 'agent', 'planning', 'grading'] as const
export type UsageSource = (typeof usageSources)[number]

/** The three budgeted quantities: all tokens a model processed, their cost, the run's wall time. */
export const budgetMetrics = ['tokens', 'costUsd', 'wallMinutes'] as const
export type BudgetMetric = (typeof budgetMetrics)[number]

const limit = z.number().min(0).max(1e12).nullable()
/** A soft limit notifies the operator; a hard one pauses the agent. null: no limit. */
export const budgetLimitSchema = z.strictObject({ soft: limit.default(null), hard: limit.default(null) })
export const budgetsSchema = z.strictObject({
  tokens: budgetLimitSchema.prefault({}),
  costUsd: budgetLimitSchema.prefault({}),
  wallMinutes: budgetLimitSchema.prefault({})
})
export type Budgets = z.output<typeof budgetsSchema>
export type BudgetsInput = z.input<typeof budgetsSchema>

/** One model call (or one reported batch of them) as recorded. */
export interface UsageRecord {
  id: string
  runId: string | null
  planId: string | null
  issueId: string | null
  repoId: string | null
  source: UsageSource
  model: string
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  /** From the agent when it reports one, else from the price table; null for a model the table does not know. */
  costUsd: number | null
  /** When the call happened (ISO). */
  at: string
}

/** Sums over a group of records; `unpricedCalls` counts calls whose cost is unknown (left out of costUsd). */
export interface UsageTotals {
  calls: number
  inputTokens: number
  outputTokens: number
  cacheReadTokens: number
  cacheWriteTokens: number
  tokens: number
  costUsd: number
  unpricedCalls: number
}

export const usageGroupings = ['run', 'issue', 'repo', 'day'] as const
export type UsageGrouping = (typeof usageGroupings)[number]

export interface UsageGroup extends UsageTotals {
  /** The run, issue or repository id, or the day (YYYY-MM-DD, UTC); null: records without one (planning). */
  key: string | null
  /** An issue's title, a repository's name, a run's issue title; null for days. */
  label: string | null
}

/** Where a run stands against its budgets (from its current constraint snapshot). */
export interface BudgetStatus {
  metric: BudgetMetric
  used: number
  soft: number | null
  hard: number | null
  state: 'ok' | 'soft' | 'hard'
}

export interface RunUsage {
  runId: string
  totals: UsageTotals
  budgets: BudgetStatus[]
  /** Newest first, at most 200. */
  records: UsageRecord[]
}

/** What an agent (or its adapter) reports about one model call; `costUsd` omitted: priced from the table. */
export const usageDraftSchema = z.strictObject({
  model: text('model', 200),
  inputTokens: z.number().int().min(0).max(1e10).default(0),
  outputTokens: z.number().int().min(0).max(1e10).default(0),
  cacheReadTokens: z.number().int().min(0).max(1e10).default(0),
  cacheWriteTokens: z.number().int().min(0).max(1e10).default(0),
  costUsd: z.number().min(0).max(1e7).nullable().optional(),
  /** The agent's own id for the call (a request or message id): the same id twice is recorded once. */
  externalId: text('externalId', 300).optional(),
  at: z.iso.datetime().optional()
})
export type UsageDraftInput = z.input<typeof usageDraftSchema>

const raiseLimit = z.number().min(0).max(1e12)

export const usageCommands = {
  /**
   * Records usage an agent reports for its run (the entry point for agents other than Claude Code, which
   * reports through OpenTelemetry or its transcript). Budgets are enforced on it like on every other source.
   * `record` is null when the same `externalId` was recorded before.
   */
  'usage.record': command<{ record: UsageRecord | null }>()(z.strictObject({ runId: id, source: z.enum(['agent', 'transcript']).default('agent'), usage: usageDraftSchema })),
  /** Totals grouped by run, issue, repository or day, largest cost first (days: newest first). */
  'usage.summary': command<UsageGroup[]>()(z.strictObject({ by: z.enum(usageGroupings).default('run'), limit: z.number().int().min(1).max(10_000).default(500) })),
  /** One run's totals, budgets and latest records (the run view). */
  'usage.forRun': command<RunUsage>()(z.strictObject({ runId: id })),
  /**
   * Raises a run's hard (and, when given, soft) limits: a new constraint snapshot for the run. A run paused
   * at its hard limit is resumed, and its open budget question answered.
   */
  'budget.raise': command<{ run: Run; budgets: Budgets; resumed: boolean }>()(
    z
      .strictObject({ runId: id, tokens: raiseLimit.optional(), costUsd: raiseLimit.optional(), wallMinutes: raiseLimit.optional(), resume: z.boolean().default(true) })
      .refine((v) => v.tokens !== undefined || v.costUsd !== undefined || v.wallMinutes !== undefined, { message: 'name at least one limit to raise: tokens, costUsd or wallMinutes', path: ['tokens'] })
  )
}

export const usageTopics = {
  /** Usage was recorded for a run (or a plan); the engine checks the run's budgets on it. */
  'usage.recorded': topic<{ record: UsageRecord }>(),
  /** A run crossed a limit: soft notifies, hard paused the agent (`threadId`: the question opened). */
  'usage.budget_crossed': topic<{ runId: string; metric: BudgetMetric; level: 'soft' | 'hard'; used: number; limit: number; threadId: string | null }>(),
  /** A run's budgets were raised (a new constraint snapshot). */
  'usage.budget_raised': topic<{ runId: string; snapshotId: string; budgets: Budgets }>()
}
