import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { governanceCommands } from '../../../shared/contract/governance'
import type { Services } from '../services'

type GovernanceHandlers = { [N in keyof typeof governanceCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** The governance, review and gate commands of the contract. */
export function governanceHandlers(s: Services): GovernanceHandlers {
  return {
    'doctrine.list': ({ repoId }) => s.governance.doctrine(repoId),
    'doctrine.check': ({ repoId, range }) => s.governance.checkRange(repoId, range),
    'governance.check': async ({ runId }) => s.governance.checkCompletion(await s.governance.scope(runId)),
    'violation.list': ({ runId, repoId, status }) => s.governance.list({ runId, repoId, status }),
    'violation.override': ({ id, reason }) => s.governance.override(id, reason),
    'review.plan': ({ runId, plan }) => s.reviews.reviewPlan(runId, plan),
    'review.completion': ({ runId }) => s.reviews.reviewCompletion(runId),
    'review.list': ({ runId }) => s.reviews.list(runId),
    'gate.check': ({ runId, gate }) => s.gates.check(runId, gate),
    'gate.results': ({ runId }) => s.gates.results(runId)
  }
}
