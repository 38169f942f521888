import type { CommandOutput, ParsedInput } from '../../../shared/contract'
import type { usageCommands } from '../../../shared/contract/usage'
import type { Services } from '../services'

type UsageHandlers = { [N in keyof typeof usageCommands]: (input: ParsedInput<N>) => Promise<CommandOutput<N>> }

/** The usage and budget commands of the contract. */
export function usageHandlers(s: Services): UsageHandlers {
  return {
    'usage.record': (input) => s.usage.record(input),
    'usage.summary': (input) => s.usage.summary(input),
    'usage.forRun': ({ runId }) => s.usage.forRun(runId),
    'budget.raise': (input) => s.usage.raise(input)
  }
}
