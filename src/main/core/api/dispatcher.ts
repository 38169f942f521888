import type { z } from 'zod'
import { type CommandName, commands } from '../../../shared/contract'
import { ApiError, type ErrorData } from '../../../shared/errors'
import type { Outcome } from '../../../shared/transport'
import type { Handlers } from './handlers'

export type Dispatch = (name: string, input: unknown) => Promise<Outcome>

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(commands, name)
}

/** Describes the first problem zod found, naming the field, so a person can fix the input. */
export function describeInvalidInput(error: z.ZodError): ErrorData {
  const issue = error.issues[0]
  const path = issue?.path.map(String).join('.') ?? ''
  const message = issue ? (path ? `${path}: ${issue.message}` : issue.message) : 'invalid input'
  return path ? { code: 'invalid_input', message, path } : { code: 'invalid_input', message }
}

/** One typed path: the core throws ApiError for every failure it knows (the Store turns SQLite's into them); the rest is a bug. */
function toErrorData(error: unknown, name: string): ErrorData {
  if (error instanceof ApiError) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  console.error(`command ${name} failed:`, error)
  return { code: 'internal', message: `${name} failed: ${message}` }
}

/**
 * The single entry of the core for every transport: input is parsed with the contract's schema before
 * any handler runs, so invalid input never reaches a write; failures come back as data.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (name, input) => {
    if (!isCommand(name)) return { ok: false, error: { code: 'unknown_command', message: `unknown command: ${name}` } }
    const parsed = commands[name].input.safeParse(input ?? {})
    if (!parsed.success) return { ok: false, error: describeInvalidInput(parsed.error) }
    try {
      const handler = handlers[name] as (input: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (error) {
      return { ok: false, error: toErrorData(error, name) }
    }
  }
}
