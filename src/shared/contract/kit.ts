import type { z } from 'zod'

/** One command or query: the zod schema its input must pass and (as a type only) what it returns. */
export interface CommandSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I
  /** Phantom: carries the output type; never read at run time. */
  readonly output?: O
}

/** `command<Output>()(inputSchema)`: declares an entry of the contract. */
export function command<O>() {
  return <I extends z.ZodType>(input: I): CommandSpec<I, O> => ({ input })
}

/** One event topic; the payload type is carried as a phantom. */
export interface TopicSpec<P = unknown> {
  readonly payload?: P
}

export function topic<P>(): TopicSpec<P> {
  return {}
}
