import type { GateCondition } from '../../../shared/domain'
import { meetsGrade } from '../../../shared/domain'
import type { GovernanceService, RunScope } from '../governance/governance.service'
import { openBlockingViolations } from '../governance/violation.repository'
import { listIssues } from '../issues/issue.repository'
import type { ReviewService } from '../review/review.service'
import type { Store } from '../store'
import { failed, guard, list, passed, skipped } from './condition'

const approvedOrLater = ['approved', 'in_progress', 'blocked', 'in_review']

/** Start gate: issue approved, dependencies done, right placement, plan graded high enough, nothing blocking. */
export async function evaluateStartGate(store: Store, governance: GovernanceService, reviews: ReviewService, s: RunScope, mode: 'fresh' | 'latest'): Promise<GateCondition[]> {
  const { governance: policy } = s.doctrine
  const conditions: GateCondition[] = []
  conditions.push(
    policy.gates.requireApproved
      ? approvedOrLater.includes(s.issue.status)
        ? passed('issue_approved', 'Issue approved', `the issue is ${s.issue.status}`)
        : failed('issue_approved', 'Issue approved', `the issue is ${s.issue.status}; approve it first`)
      : skipped('issue_approved', 'Issue approved', 'the policy does not require approval')
  )
  conditions.push(
    await guard('dependencies_done', 'Dependencies done', async () => {
      const deps = await listIssues(store.db, { ids: s.issue.dependsOn })
      const open = deps.filter((d) => d.status !== 'done')
      return open.length ? failed('dependencies_done', 'Dependencies done', `not done: ${list(open.map((d) => `${d.title} (${d.status})`))}`) : passed('dependencies_done', 'Dependencies done', deps.length ? `${deps.length} done` : 'no dependencies')
    })
  )
  conditions.push(
    await guard('placement', 'Right repository and component', async () => {
      const found = (await governance.checkPlacement(s)).filter((v) => v.status === 'open')
      return found.length ? failed('placement', 'Right repository and component', list(found.map((v) => v.message))) : passed('placement', 'Right repository and component', 'placement holds')
    })
  )
  const minimum = policy.review.planMinimum
  conditions.push(
    minimum === null
      ? skipped('plan_grade', 'Plan grade', 'the policy sets no minimum plan grade')
      : await guard('plan_grade', 'Plan grade', async () => {
          const review = mode === 'latest' ? await reviews.latest(s.run.id, 'plan') : await reviews.reviewPlan(s.run.id, undefined, s)
          if (!review) return failed('plan_grade', 'Plan grade', `no plan review yet; at least ${minimum} is required`)
          const ok = meetsGrade(review.grade, minimum, policy.review.allowOverEngineered)
          return ok ? passed('plan_grade', 'Plan grade', `${review.grade} (minimum ${minimum})`) : failed('plan_grade', 'Plan grade', `${review.grade}, below the minimum ${minimum}${review.requiredFixes.length ? `; required: ${list(review.requiredFixes, 3)}` : ''}`)
        })
  )
  conditions.push(
    await guard('no_blocking_violation', 'No blocking violation', async () => {
      const open = await openBlockingViolations(store.db, s.run.id)
      return open.length ? failed('no_blocking_violation', 'No blocking violation', list(open.map((v) => v.message))) : passed('no_blocking_violation', 'No blocking violation', 'none open')
    })
  )
  return conditions
}
