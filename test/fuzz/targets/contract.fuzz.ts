import path from 'node:path'
import fc from 'fast-check'
import type { Core } from '../../../src/main/core/core'
import { type CommandName, commandNames, commands } from '../../../src/shared/contract'
import { errorCodes } from '../../../src/shared/errors'
import type { Outcome } from '../../../src/shared/transport'
import { checkDatabase, existingIds } from '../invariants'
import { count, newResult, note, type TargetResult } from '../results'
import { fromSchema, mutated } from '../zod-arbitrary'

/**
 * Commands whose valid inputs would act outside the sandbox: start agents with generated argv, talk to a
 * model or GitHub over the network, or touch the OS keychain. They get invalid and ghost-id inputs only.
 */
const sideEffects = new Set<CommandName>(['run.start', 'run.restart', 'run.resume', 'secret.set', 'secret.clear', 'plan.syncGithub'])
const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'

/** Keeps generated paths inside the sandbox folder and model settings away from the network. */
function confine(name: CommandName, input: unknown, sandbox: string, keep: Set<string>): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
  const o = { ...(input as Record<string, unknown>) }
  const inside = (p: unknown) => (typeof p === 'string' && !keep.has(p) ? path.join(sandbox, 'gen', p.replace(/\.\./g, '_')) : p)
  if (name === 'repo.add') o.path = inside(o.path)
  if (name === 'repo.get' && typeof o.ref === 'string' && o.ref.includes('/')) o.ref = inside(o.ref)
  if (name === 'plan.create' && typeof o.target === 'object' && o.target !== null) {
    const t = { ...(o.target as Record<string, unknown>) }
    t.parentDir = path.join(sandbox, 'new-repos')
    o.target = t
  }
  if (name === 'settings.update' && typeof o.patch === 'object' && o.patch !== null) {
    const { model: _model, ...rest } = o.patch as Record<string, unknown>
    o.patch = rest
  }
  if (sideEffects.has(name)) for (const k of ['id', 'issueId']) if (k in o) o[k] = ghost
  return o
}

export function isTyped(outcome: Outcome): boolean {
  if (outcome.ok) return true
  return (errorCodes as readonly string[]).includes(outcome.error.code) && outcome.error.code !== 'internal' && typeof outcome.error.message === 'string'
}

/**
 * Every contract command, with inputs drawn from its own zod schema: valid, at the boundaries, mutated in one
 * place, or anything at all, through core.dispatch. After each batch the database invariants are checked.
 */
export async function fuzzContract(core: Core, opts: { runs: number; seed: number; sandbox: string; keepPaths: string[] }): Promise<TargetResult> {
  const result = newResult('contract')
  const started = Date.now()
  const { dbPath } = core.services.system.info()
  let ids = existingIds(dbPath)
  const ctx = { ids: () => ids }
  const keep = new Set(opts.keepPaths)
  const perCommand = Math.max(1, Math.floor(opts.runs / commandNames.length))
  for (const [index, name] of commandNames.entries()) {
    const valid = fromSchema(commands[name].input, ctx)
    const input = fc.oneof({ weight: 5, arbitrary: valid }, { weight: 3, arbitrary: mutated(valid) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) })
    const samples = fc.sample(input, { numRuns: perCommand, seed: opts.seed + index })
    for (const raw of samples) {
      const given = confine(name, raw, opts.sandbox, keep)
      result.inputs++
      let outcome: Outcome
      try {
        outcome = await core.dispatch(name, given)
      } catch (error) {
        note(result, 'crashes', `${name} ${safeJson(given)} threw ${(error as Error).stack ?? error}`)
        continue
      }
      count(result, outcome.ok ? 'ok' : outcome.error.code)
      if (!isTyped(outcome)) note(result, 'untypedErrors', `${name} ${safeJson(given)} -> ${safeJson(outcome)}`)
    }
    for (const problem of checkDatabase(dbPath)) note(result, 'partialWrites', `after ${name}: ${problem}`)
    ids = existingIds(dbPath)
  }
  result.durationMs = Date.now() - started
  return result
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 300) ?? String(value)
  } catch {
    return String(value)
  }
}
