import type { ReviewReport } from '../../../shared/domain'
import type { GovernanceService, RunScope } from '../governance/governance.service'
import type { CallRecord } from '../model/model-client'
import type { ModelConfig } from '../model/model-config'
import { renderBriefing } from '../runs/briefing'
import type { Store } from '../store'
import type { WorkspaceService } from '../workspaces'
import { graderClient } from './grader-client'
import { recordModelCall } from '../usage/model-calls'
import { type CheckSummary, completionPrompt, graderSystem, planPrompt } from './review-prompts'
import { insertReview, latestReview, listReviews } from './review.repository'
import { completionReviewSchema, planReviewSchema, reviewProblems } from './review-schema'

/** The AI grader: reviews a run's plan before it starts and its completion before it closes. */
export class ReviewService {
  constructor(
    private readonly store: Store,
    private readonly governance: GovernanceService,
    private readonly workspaces: WorkspaceService,
    /** The grader's model access, resolved per review (key, model, confirmed base URL). */
    private readonly modelConfig: () => Promise<ModelConfig>
  ) {}

  list(runId: string): Promise<ReviewReport[]> {
    return listReviews(this.store.db, runId)
  }

  latest(runId: string, stage: ReviewReport['stage']): Promise<ReviewReport | undefined> {
    return latestReview(this.store.db, runId, stage)
  }

  /** Grades the given plan, else the run's briefing; the estimate is checked against the scale tier. */
  async reviewPlan(runId: string, plan?: string, scope?: RunScope): Promise<ReviewReport> {
    const s = scope ?? (await this.governance.scope(runId))
    const text = plan ?? (s.packet ? renderBriefing(s.issue, s.packet, s.run.worktreePath ?? '(not created yet)') : s.issue.body || s.issue.title)
    const calls: CallRecord[] = []
    const client = graderClient(await this.modelConfig(), calls, (call) => this.store.write((tx) => recordModelCall(tx, call, { source: 'grading', runId: s.run.id })))
    const output = await client.structured({
      step: 'plan review',
      system: graderSystem,
      prompt: planPrompt(s.issue, s.doctrine, text),
      tool: { name: 'submit_plan_review', description: 'Submit the plan review.', schema: planReviewSchema },
      check: (o) => reviewProblems(o),
      maxRepairs: s.doctrine.governance.review.repairAttempts
    })
    const report = await this.store.write((tx) => insertReview(tx, s.run.id, { stage: 'plan', ...output, criteria: [], model: client.config.model, attempts: calls.length }))
    await this.governance.checkPlan(s, report.estimate)
    return report
  }

  /** Grades the run's work: its diff, the acceptance criteria, the validation checks and the violations. */
  async reviewCompletion(runId: string, scope?: RunScope, checks?: CheckSummary[]): Promise<ReviewReport> {
    const s = scope ?? (await this.governance.scope(runId))
    const violations = await this.governance.checkCompletion(s)
    const ws = s.ws as NonNullable<RunScope['ws']>
    const [files, diff] = await Promise.all([this.workspaces.listChanges(ws), this.workspaces.diff(ws)])
    const expected = s.issue.acceptanceCriteria
    const calls: CallRecord[] = []
    const client = graderClient(await this.modelConfig(), calls, (call) => this.store.write((tx) => recordModelCall(tx, call, { source: 'grading', runId: s.run.id })))
    const output = await client.structured({
      step: 'completion review',
      system: graderSystem,
      prompt: completionPrompt({ issue: s.issue, doctrine: s.doctrine, files, diff, checks: checks ?? (await this.checks(s.run.id)), violations, previous: await this.latest(s.run.id, 'completion') }),
      tool: { name: 'submit_completion_review', description: 'Submit the completion review.', schema: completionReviewSchema },
      check: (o) => reviewProblems(o, { expected, given: o.criteria }),
      maxRepairs: s.doctrine.governance.review.repairAttempts
    })
    return this.store.write((tx) => insertReview(tx, s.run.id, { stage: 'completion', ...output, estimate: null, model: client.config.model, attempts: calls.length }))
  }

  /** The latest result of each validation command (their logs are the run's test_log artifacts). */
  private async checks(runId: string): Promise<CheckSummary[]> {
    const rows = await this.store.db.selectFrom('artifacts').select(['content', 'meta']).where('run_id', '=', runId).where('kind', '=', 'test_log').orderBy('created_at').execute()
    const latest = new Map<string, CheckSummary>()
    for (const row of rows) {
      const meta = JSON.parse(row.meta) as { name?: string; passed?: boolean }
      latest.set(meta.name ?? '?', { name: meta.name ?? '?', passed: meta.passed === true, log: row.content ?? '' })
    }
    return [...latest.values()]
  }
}
