import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { hostCommands } from '../../../shared/contract/hosts'
import type { Services } from '../services'

type HostHandlers = { [N in keyof typeof hostCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** Remote hosts over SSH. */
export function hostHandlers(s: Services): HostHandlers {
  return {
    'host.add': (input) => s.hosts.add(input),
    'host.list': () => s.hosts.list(),
    'host.check': ({ name }) => s.hosts.check(name),
    'host.remove': ({ name }) => s.hosts.remove(name)
  }
}
