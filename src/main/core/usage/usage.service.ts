import type { Budgets, ParsedInput, RunUsage, UsageGroup, UsageRecord } from '../../../shared/contract'
import { budgetMetrics } from '../../../shared/contract/usage'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { findRun } from '../runs/run.repository'
import { patchRun } from '../runs/run-transition'
import type { Store } from '../store'
import { runBudgetStatus } from './budget-check'
import { answerBudgetThreads } from './budget-threads'
import { formatAmount, snapshotBudgets } from './budgets'
import { recordUsage, runRecords, runTotals, usageSummary } from './usage.repository'

/** The usage and budget commands of the contract. */
export class UsageService {
  constructor(
    private readonly store: Store,
    /** Starts a paused run again in a new session (the run engine's resume). */
    private readonly resume: (runId: string) => Promise<Run>
  ) {}

  /** `usage.record`: what an agent reports for its own run (Codex, Gemini, opencode, Qwen adapters; scripts). */
  async record(input: ParsedInput<'usage.record'>): Promise<{ record: UsageRecord | null }> {
    if (!(await findRun(this.store.db, input.runId))) throw new ApiError('not_found', `no run with id ${input.runId}`, 'runId')
    return { record: await this.store.write((tx) => recordUsage(tx, { ...input.usage, runId: input.runId, source: input.source })) }
  }

  summary(input: ParsedInput<'usage.summary'>): Promise<UsageGroup[]> {
    return usageSummary(this.store.db, input.by, input.limit)
  }

  async forRun(runId: string): Promise<RunUsage> {
    if (!(await findRun(this.store.db, runId))) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    const [totals, { statuses }, records] = await Promise.all([runTotals(this.store.db, runId), runBudgetStatus(this.store.db, runId), runRecords(this.store.db, runId)])
    return { runId, totals, budgets: statuses, records }
  }

  /**
   * A new constraint snapshot with the raised hard limits (snapshots are immutable), the run pointed at it and
   * its budget question answered, in one transaction; then a run paused over budget resumes.
   */
  async raise(input: ParsedInput<'budget.raise'>): Promise<{ run: Run; budgets: Budgets; resumed: boolean }> {
    const run = await findRun(this.store.db, input.runId)
    if (!run) throw new ApiError('not_found', `no run with id ${input.runId}`, 'runId')
    const { statuses } = await runBudgetStatus(this.store.db, run.id)
    const { budgets, content, snapshotId } = await snapshotBudgets(this.store.db, run.id)
    const raised: Budgets = structuredClone(budgets)
    for (const metric of budgetMetrics) {
      const value = input[metric]
      if (value === undefined) continue
      const used = statuses.find((s) => s.metric === metric)?.used ?? 0
      if (value <= used) throw new ApiError('invalid_input', `the run has used ${formatAmount(metric, used)} already; a new ${metric} limit must be above that`, metric)
      raised[metric] = { soft: raised[metric].soft !== null && raised[metric].soft! >= value ? null : raised[metric].soft, hard: value }
    }
    const pausedOverBudget = run.state === 'stopped' && (await this.store.db.selectFrom('budget_alerts').select('run_id').where('run_id', '=', run.id).where('snapshot_id', '=', snapshotId ?? '').where('level', '=', 'hard').executeTakeFirst()) !== undefined
    await this.store.write(async (tx) => {
      const id = newId()
      await tx.db.insertInto('constraint_snapshots').values({ id, issue_id: run.issueId, content: JSON.stringify({ ...content, budgets: raised, raisedFrom: snapshotId }), created_at: now() }).execute()
      const current = (await findRun(tx.db, run.id)) as Run
      await patchRun(tx, current, { constraint_snapshot_id: id })
      // Soft limits already noted stay noted under the new snapshot (no second note for the same crossing).
      const noted = await tx.db.selectFrom('budget_alerts').selectAll().where('run_id', '=', run.id).where('snapshot_id', '=', snapshotId ?? '').where('level', '=', 'soft').execute()
      for (const a of noted) if (raised[a.metric as keyof Budgets].soft === a.limit_value) await tx.db.insertInto('budget_alerts').values({ ...a, snapshot_id: id }).execute()
      const limits = budgetMetrics.filter((m) => input[m] !== undefined).map((m) => `${m} ${formatAmount(m, input[m]!)}`).join(', ')
      await answerBudgetThreads(tx, run.id, `Budget raised: ${limits}.${pausedOverBudget && input.resume ? ' The agent resumes.' : ''}`)
      tx.emit('usage.budget_raised', run.id, { runId: run.id, snapshotId: id, budgets: raised })
    })
    const resumed = pausedOverBudget && input.resume
    const after = resumed ? await this.resume(run.id) : ((await findRun(this.store.db, run.id)) as Run)
    return { run: after, budgets: raised, resumed }
  }
}
