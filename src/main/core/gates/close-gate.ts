import type { GateCondition, ReviewReport } from '../../../shared/domain'
import { meetsGrade } from '../../../shared/domain'
import type { GovernanceService, RunScope } from '../governance/governance.service'
import type { ReviewService } from '../review/review.service'
import type { Store } from '../store'
import type { WorkspaceService } from '../workspaces'
import type { BlockingQuestions } from './blocking-questions'
import type { GateCheck } from './run-gates'
import { failed, guard, list, passed, skipped } from './condition'
import { budgetCondition } from '../usage/budget-check'

export interface CloseGateInput {
  s: RunScope
  /** Validation results of this pass; undefined reads the latest logs. */
  checks: GateCheck[] | undefined
  /** fresh: grade now; latest: use the last completion review. */
  mode: 'fresh' | 'latest'
  /** Leave out the conditions merge() enforces itself (clean, behind, conflicts), and their git reads. */
  forMerge?: boolean
}

export interface CloseGateDeps {
  store: Store
  governance: GovernanceService
  reviews: ReviewService
  workspaces: WorkspaceService
  questions: BlockingQuestions
}

async function latestChecks(store: Store, runId: string) {
  const rows = await store.db.selectFrom('artifacts').select('meta').where('run_id', '=', runId).where('kind', '=', 'test_log').orderBy('created_at').execute()
  const byName = new Map<string, { name: string; passed: boolean; exitCode: number | null }>()
  for (const { meta } of rows) {
    const m = JSON.parse(meta) as { name: string; passed: boolean; exitCode: number | null }
    byName.set(m.name, m)
  }
  return [...byName.values()]
}

/** Close gate: clean tree, checks pass, nothing blocking, grade and criteria, no open question, mergeable. */
export async function evaluateCloseGate(d: CloseGateDeps, { s, checks, mode, forMerge = false }: CloseGateInput): Promise<GateCondition[]> {
  const policy = s.doctrine.governance
  const ws = s.ws
  if (!ws) return [failed('workspace', 'Workspace', `the run has no worktree (it is ${s.run.state})`)]
  // The git reads of the merge check and of the change set go side by side: each is a few serial gits.
  const [merge, results, violations] = await Promise.all([
    forMerge ? null : d.workspaces.mergeCheck(ws),
    checks ?? latestChecks(d.store, s.run.id),
    guard('no_blocking_violation', 'No blocking violation', async () => {
      const open = (await d.governance.checkCompletion(s)).filter((v) => v.blocking && v.status === 'open')
      return open.length ? failed('no_blocking_violation', 'No blocking violation', list(open.map((v) => v.message))) : passed('no_blocking_violation', 'No blocking violation', 'none open')
    })
  ])
  const c: GateCondition[] = []
  if (merge) c.push(merge.worktreeDirty ? failed('clean_worktree', 'Clean worktree', 'the worktree has uncommitted changes') : passed('clean_worktree', 'Clean worktree', 'everything is committed'))
  const bad = results.filter((r) => !r.passed)
  c.push(
    results.length === 0
      ? skipped('validation', 'Validation commands pass', 'the policy defines no validation commands')
      : bad.length
        ? failed('validation', 'Validation commands pass', `failed: ${list(bad.map((r) => `${r.name} (exit ${r.exitCode ?? 'none'})`))}`)
        : passed('validation', 'Validation commands pass', results.map((r) => r.name).join(', '))
  )
  c.push(violations)

  const minimum = policy.review.completionMinimum
  let review: ReviewReport | undefined
  const grade = await guard('completion_grade', 'Completion grade', async () => {
    if (minimum === null) return skipped('completion_grade', 'Completion grade', 'the policy sets no minimum completion grade')
    if (mode === 'fresh' && (bad.length || violations.status === 'failed')) return failed('completion_grade', 'Completion grade', 'not graded: fix the failures above first')
    review = mode === 'fresh' ? await d.reviews.reviewCompletion(s.run.id, s, checks?.map((r) => ({ name: r.name, passed: r.passed, log: r.log ?? '' }))) : await d.reviews.latest(s.run.id, 'completion')
    if (!review) return failed('completion_grade', 'Completion grade', `no completion review yet; at least ${minimum} is required`)
    const ok = meetsGrade(review.grade, minimum, policy.review.allowOverEngineered)
    return ok ? passed('completion_grade', 'Completion grade', `${review.grade} (minimum ${minimum})`) : failed('completion_grade', 'Completion grade', `${review.grade}, below the minimum ${minimum}${review.grade === 'OVER_ENGINEERED' ? ' (over-engineering is not allowed)' : ''}`)
  })
  c.push(grade)
  const criteria = s.issue.acceptanceCriteria
  c.push(
    criteria.length === 0
      ? passed('done_criteria', 'Done criteria met', 'the issue has no acceptance criteria')
      : !review
        ? skipped('done_criteria', 'Done criteria met', minimum === null ? 'no grader is configured to judge them' : 'not judged: no completion review')
        : review.criteria.every((x) => x.met)
          ? passed('done_criteria', 'Done criteria met', `${criteria.length} of ${criteria.length} met`)
          : failed('done_criteria', 'Done criteria met', `not met: ${list(review.criteria.filter((x) => !x.met).map((x) => x.criterion))}`)
  )
  c.push(
    await guard('open_questions', 'No open blocking question', async () => {
      const open = await d.questions(d.store.db, s.run.id)
      return open.length ? failed('open_questions', 'No open blocking question', list(open.map((q) => q.title))) : passed('open_questions', 'No open blocking question', 'none open')
    })
  )
  c.push(await guard('within_budget', 'Within budget', () => budgetCondition(d.store.db, s.run.id)))
  // Behind or conflicting with the base is the landing queue's work (it rebases, and sends real conflicts back
  // with a briefing of their own), not a reason to fail the work itself: parallel runs are always behind.
  if (merge) {
    c.push(merge.behindBy > 0 ? skipped('not_behind', 'Branch not behind base', `${merge.behindBy} commit(s) behind ${ws.baseBranch}; the landing queue brings it up to date`) : passed('not_behind', 'Branch not behind base', `up to date with ${ws.baseBranch}`))
    c.push(merge.conflicts.length ? skipped('merge_clean', 'Merges cleanly', `conflicts in ${list(merge.conflicts)}; the landing queue hands them to the agent`) : passed('merge_clean', 'Merges cleanly', 'no conflicts'))
  }
  return c
}

