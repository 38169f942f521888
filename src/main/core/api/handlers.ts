import type { CommandName, CommandOutput, ParsedInput } from '../../../shared/contract'
import type { Services } from '../services'

/** One handler per contract entry; the type makes a missing handler a compile error. */
export type Handlers = { [N in CommandName]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

export function createHandlers(s: Services): Handlers {
  return {
    'system.info': async () => s.system.info(),
    'repo.add': (input) => s.repos.add(input),
    'repo.list': () => s.repos.list(),
    'repo.get': ({ ref }) => s.repos.get(ref),
    'issue.create': (input) => s.issues.create(input),
    'issue.list': (input) => s.issues.list(input),
    'issue.get': ({ id }) => s.issues.get(id),
    'issue.transition': ({ id, to }) => s.issues.transition(id, to),
    'issue.contextPackets': ({ issueId }) => s.issues.contextPackets(issueId),
    'event.list': async ({ afterSeq, limit }) => s.store.events.since(afterSeq, limit)
  }
}
