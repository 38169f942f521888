import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { planningCommands } from '../../../shared/contract/planning'
import { syncGithub } from '../github/github-sync'
import type { Services } from '../services'

/** The planning rail's handlers, spread into the core's handler map. */
type PlanningHandlers = { [N in keyof typeof planningCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

export function planningHandlers(s: Services): PlanningHandlers {
  const p = s.planning
  return {
    'plan.create': (input) => p.create(input),
    'plan.list': () => p.list(),
    'plan.get': ({ id }) => p.get(id),
    'plan.clarify': ({ id }) => p.clarify(id),
    'plan.answer': ({ id, answers }) => p.answer(id, answers),
    'plan.generate': ({ id }) => p.generate(id),
    'plan.version': ({ id, version }) => p.version(id, version),
    'plan.edit': (input) => p.edit(input),
    'plan.diff': ({ id, from, to }) => p.diff(id, from, to),
    'plan.chat': ({ id, message }) => p.chat.send(id, message),
    'plan.acceptProposal': ({ id, messageId }) => p.chat.accept(id, messageId),
    'plan.dismissProposal': ({ id, messageId }) => p.chat.dismiss(id, messageId),
    'plan.proposalDiff': ({ id, messageId }) => p.chat.proposalDiff(id, messageId),
    'plan.decompose': ({ id }) => p.backlog.decompose(id),
    'plan.updateItems': ({ id, items }) => p.backlog.update(id, items),
    'plan.approve': ({ id }) => p.backlog.approve(id),
    'plan.export': ({ id }) => p.backlog.export(id),
    'plan.syncGithub': (input) => syncGithub(p.ctx, input)
  }
}
