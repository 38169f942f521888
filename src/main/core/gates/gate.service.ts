import type { GateCondition, GateName, GateResult, Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { GovernanceService, RunScope } from '../governance/governance.service'
import { openBlockingViolations } from '../governance/violation.repository'
import type { IssueService } from '../issues/issue.service'
import { policySchema } from '../policy/policy.schema'
import type { ReviewService } from '../review/review.service'
import { latestReview } from '../review/review.repository'
import type { Store, WriteTx } from '../store'
import type { WorkspaceService } from '../workspaces'
import { type BlockingQuestions, forumBlockingQuestions } from './blocking-questions'
import { evaluateCloseGate } from './close-gate'
import { failed, list, reasons } from './condition'
import { countFailedCloseGates, insertGateResult, listGateResults } from './gate.repository'
import type { GateCheck, RunGates } from './run-gates'
import { type SendBackOutcome, sendBack } from './send-back'
import { evaluateStartGate } from './start-gate'

export interface GateServiceDeps {
  store: Store
  home: string
  governance: GovernanceService
  reviews: ReviewService
  workspaces: WorkspaceService
  issues: IssueService
  /** Where open blocking questions come from (the forum). */
  questions?: BlockingQuestions
}

/** Start and close gates, driven by the policy a run started with; every evaluation is recorded. */
export class GateService implements RunGates {
  private readonly questions: BlockingQuestions

  constructor(private readonly d: GateServiceDeps) {
    this.questions = d.questions ?? forumBlockingQuestions
  }

  results(runId: string): Promise<GateResult[]> {
    return listGateResults(this.d.store.db, runId)
  }

  private async evaluate(gate: GateName, s: RunScope, mode: 'fresh' | 'latest', checks?: GateCheck[], forMerge = false): Promise<GateCondition[]> {
    const { store, governance, reviews, workspaces } = this.d
    try {
      if (gate === 'start') return await evaluateStartGate(store, governance, reviews, s, mode)
      return await evaluateCloseGate({ store, governance, reviews, workspaces, questions: this.questions }, { s, checks, mode, forMerge })
    } catch (error) {
      // A gate that cannot be evaluated holds: it never lets work through by accident.
      return [failed('evaluation', `The ${gate} gate could not be evaluated`, error instanceof Error ? error.message : String(error))]
    }
  }

  /** `gate check`: evaluates with the latest reviews (no new grading) and records the result. */
  async check(runId: string, gate: GateName): Promise<GateResult> {
    const s = await this.d.governance.scope(runId)
    const conditions = await this.evaluate(gate, s, 'latest')
    return this.d.store.write((tx) => insertGateResult(tx, runId, gate, 'check', conditions))
  }

  async start(run: Run): Promise<GateResult> {
    const s = await this.d.governance.scope(run.id)
    const conditions = await this.evaluate('start', s, 'fresh')
    return this.d.store.write((tx) => insertGateResult(tx, run.id, 'start', 'launch', conditions))
  }

  async close(run: Run, checks: GateCheck[]): Promise<GateResult> {
    const s = await this.d.governance.scope(run.id)
    const conditions = await this.evaluate('close', s, 'fresh', checks)
    return this.d.store.write((tx) => insertGateResult(tx, run.id, 'close', 'validation', conditions))
  }

  async sendBack(tx: WriteTx, run: Run, result: GateResult, agentAlive: boolean): Promise<SendBackOutcome> {
    // Inside the transaction only tx.db may be used: the store has a single connection.
    const row = await tx.db.selectFrom('runs').select('policy_snapshot').where('id', '=', run.id).executeTakeFirst()
    const budget = policySchema.parse(row?.policy_snapshot ? JSON.parse(row.policy_snapshot) : {}).governance.gates.closeRetries
    return sendBack({
      tx,
      run,
      result,
      agentAlive,
      failures: await countFailedCloseGates(tx.db, run.id),
      budget,
      review: await latestReview(tx.db, run.id, 'completion'),
      violations: await openBlockingViolations(tx.db, run.id),
      home: this.d.home,
      issues: this.d.issues
    })
  }

  async beforeMerge(run: Run): Promise<void> {
    const s = await this.d.governance.scope(run.id)
    // merge() itself refuses a dirty, behind or conflicting branch, each with its own precise error.
    const conditions = await this.evaluate('close', s, 'latest', undefined, true)
    const result = await this.d.store.write((tx) => insertGateResult(tx, run.id, 'close', 'merge', conditions))
    if (!result.passed) {
      throw new ApiError('refused', `merge refused by the close gate: ${list(reasons(result.conditions), 5)}`, 'id', { gate: result })
    }
  }
}
