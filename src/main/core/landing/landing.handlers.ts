import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { landingCommands } from '../../../shared/contract/landing'
import type { Services } from '../services'

type LandingHandlers = { [N in keyof typeof landingCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** The landing queue's commands of the contract. */
export function landingHandlers(s: Services): LandingHandlers {
  return {
    'landing.enqueue': ({ runId }) => s.landing.enqueue(runId),
    'landing.list': ({ repoId }) => s.landing.list(repoId),
    'landing.pause': ({ repoId }) => s.landing.pause(repoId),
    'landing.resume': ({ repoId }) => s.landing.resume(repoId),
    'landing.remove': ({ runId }) => s.landing.remove(runId),
    'landing.pullRequest': ({ runId }) => s.landing.pullRequest(runId),
    'landing.conflict': ({ runId }) => s.landing.conflict(runId),
    'landing.recheck': ({ runId }) => s.landing.recheck(runId)
  }
}
