import type { BudgetStatus } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import type { IssueService } from '../issues/issue.service'
import { now } from '../ids'
import { findRun } from '../runs/run.repository'
import { moveRun } from '../runs/run-transition'
import type { Store, WriteTx } from '../store'
import { describeStatus, runBudgetStatus } from './budget-check'
import { formatAmount } from './budgets'
import { openBudgetThread } from './budget-threads'

/** What pausing needs from the run engine: ending the agent's session (the run is already `stopped`). */
export interface PauseDeps {
  store: Store
  issues: IssueService
  killSession(sessionId: string): Promise<void>
}

const live: readonly Run['state'][] = ['running', 'waiting', 'validating']

/** Records that a limit was crossed under this snapshot; false when some engine already did (acted on once). */
async function claimAlert(tx: WriteTx, run: Run, snapshotId: string, s: BudgetStatus, level: 'soft' | 'hard'): Promise<boolean> {
  const inserted = await tx.db
    .insertInto('budget_alerts')
    .values({ run_id: run.id, snapshot_id: snapshotId, metric: s.metric, level, used: s.used, limit_value: (level === 'hard' ? s.hard : s.soft) ?? 0, thread_id: null, created_at: now() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0
}

/**
 * Checks one run against its budgets and acts once per limit and snapshot. Soft: a note in the inbox. Hard:
 * the run is paused, which means stopped, with a blocking question for the operator ("raise the budget or
 * stop") and its issue blocked, all in one transaction; then the session is ended. `budget raise` resumes it
 * in a new session (Claude Code continues its own conversation by id). Stopping is chosen over SIGSTOP: a
 * frozen agent inside the sandbox is out of reach (the pty host signals bwrap, not the agent in its pid
 * namespace), a frozen process survives no pty-host restart, and its open model stream times out meanwhile.
 */
export async function enforceBudget(d: PauseDeps, runId: string): Promise<'ok' | 'soft' | 'paused'> {
  const run = await findRun(d.store.db, runId)
  if (!run || !live.includes(run.state)) return 'ok'
  const { snapshotId, statuses } = await runBudgetStatus(d.store.db, runId)
  if (!snapshotId) return 'ok'
  const hard = statuses.filter((s) => s.state === 'hard')
  if (hard.length) {
    const paused = await d.store.write(async (tx) => {
      const current = await findRun(tx.db, runId)
      if (!current || !live.includes(current.state)) return undefined
      let claimed = false
      for (const s of hard) claimed = (await claimAlert(tx, current, snapshotId, s, 'hard')) || claimed
      if (!claimed) return undefined
      // A soft limit passed on the way is covered by the question: no separate note now or after a raise.
      for (const s of hard) if (s.soft !== null) await claimAlert(tx, current, snapshotId, s, 'soft')
      const what = hard.map((s) => describeStatus(s, 'hard')).join('; ')
      const detail = `paused over budget: ${what}; raise it with \`flightdeck budget raise ${runId} --${hard[0]!.metric === 'costUsd' ? 'cost' : hard[0]!.metric === 'wallMinutes' ? 'minutes' : 'tokens'} N\` or stop the run`
      const threadId = await openBudgetThread(tx, current, 'hard', `Run over budget: raise the budget or stop (${what})`.slice(0, 300),
        `Run ${runId} reached its hard limit: ${what}. The agent is paused (its session ended; its worktree and conversation are kept).\n\nRaise the budget to resume it: \`flightdeck budget raise ${runId} --tokens N\` (or --cost, --minutes), or the Raise button in the run view. Or stop the run. Answering this thread alone does not resume the agent.`)
      await tx.db.updateTable('budget_alerts').set({ thread_id: threadId }).where('run_id', '=', runId).where('snapshot_id', '=', snapshotId).where('level', '=', 'hard').execute()
      for (const s of hard) tx.emit('usage.budget_crossed', runId, { runId, metric: s.metric, level: 'hard', used: s.used, limit: s.hard ?? 0, threadId })
      await moveRun(tx, runId, 'stopped', { activity: 'exited', detail }, detail)
      await d.issues.followRun(tx, current.issueId, 'blocked')
      return current
    })
    if (paused?.sessionId) await d.killSession(paused.sessionId).catch(() => undefined)
    return paused ? 'paused' : 'ok'
  }
  const soft = statuses.filter((s) => s.state === 'soft')
  if (!soft.length) return 'ok'
  await d.store.write(async (tx) => {
    for (const s of soft) {
      if (!(await claimAlert(tx, run, snapshotId, s, 'soft'))) continue
      const what = describeStatus(s, 'soft')
      const threadId = await openBudgetThread(tx, run, 'soft', `Run passed its soft budget (${what})`.slice(0, 300),
        `Run ${runId} passed its soft limit: ${what}${s.hard !== null ? `; at the hard limit, ${formatAmount(s.metric, s.hard)}, the agent is paused` : ''}. Nothing was stopped.`)
      await tx.db.updateTable('budget_alerts').set({ thread_id: threadId }).where('run_id', '=', runId).where('snapshot_id', '=', snapshotId).where('metric', '=', s.metric).where('level', '=', 'soft').execute()
      tx.emit('usage.budget_crossed', runId, { runId, metric: s.metric, level: 'soft', used: s.used, limit: s.soft ?? 0, threadId })
    }
  })
  return 'soft'
}
