import type { CommandName, CommandOutput } from './contract'
import { ApiError } from './errors'
import type { Bridge, Client } from './transport'

/** Wraps any transport's bridge into the typed client: outcomes become values or thrown ApiErrors. */
export function createClient(bridge: Bridge): Client {
  return {
    async invoke(name, input) {
      const outcome = await bridge.invoke(name, input)
      if (!outcome.ok) throw ApiError.from(outcome.error)
      return outcome.value as CommandOutput<typeof name & CommandName>
    },
    subscribe: (listener) => bridge.subscribe(listener),
    watch: (stream, key, listener) => bridge.watch(stream, key, listener as (message: unknown) => void)
  }
}
