import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { fleetCommands } from '../../../shared/contract/fleet'
import type { Services } from '../services'

type FleetHandlers = { [N in keyof typeof fleetCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** The fleet catalog and dependency graph commands of the contract. */
export function fleetHandlers(s: Services): FleetHandlers {
  return {
    'fleet.scan': (input) => s.fleet.scan(input),
    'fleet.list': () => s.fleet.list(),
    'fleet.show': ({ ref }) => s.fleet.show(ref),
    'fleet.set': ({ ref, fields }) => s.fleet.set(ref, fields),
    'fleet.import': ({ yaml, source }) => s.fleet.import(yaml, source),
    'fleet.export': () => s.fleet.export(),
    'fleet.graph': () => s.fleet.graph(),
    'fleet.impact': ({ ref, depth }) => s.fleet.impact(ref, depth)
  }
}
