import fc from 'fast-check'
import { z } from 'zod'
import { ModelClient } from '../../../src/main/core/model/model-client'
import { ApiError } from '../../../src/shared/errors'
import { startModelServer } from '../../fixtures/model-server/model-server'
import type { StaticTurn } from '../../fixtures/model-server/types'
import { count, newResult, note, type TargetResult } from '../results'
import { fromSchema, mutated } from '../zod-arbitrary'

/** A structured output like the planning steps ask for: nested objects, enums, bounded lists. */
const outputSchema = z.strictObject({
  summary: z.string().min(1).max(200),
  items: z.array(z.strictObject({ key: z.string().regex(/^W-\d+$/), size: z.enum(['s', 'm', 'l']), depends_on: z.array(z.string()).max(5) })).min(1).max(5)
})
const tool = { name: 'submit_plan', description: 'the plan', schema: outputSchema }

/** What a model may answer: the right call, a wrong one, JSON in text or a fence, a string input, cut off, an error. */
const reply: fc.Arbitrary<StaticTurn> = (() => {
  const valid = fromSchema(outputSchema, { ids: () => [] })
  const input = fc.oneof(valid, mutated(valid))
  return fc.oneof(
    { weight: 3, arbitrary: input.map((v) => ({ tool: 'submit_plan', input: v }) as StaticTurn) },
    { weight: 1, arbitrary: input.map((v) => ({ tool: 'submit_plan', input: JSON.stringify(v)?.slice(0, 1 + Math.floor((JSON.stringify(v)?.length ?? 1) / 2)) ?? '' }) as StaticTurn) },
    { weight: 1, arbitrary: input.map((v) => ({ tool: 'other_tool', input: v }) as StaticTurn) },
    { weight: 1, arbitrary: input.map((v) => ({ text: `Here it is:\n\`\`\`json\n${JSON.stringify(v)}\n\`\`\`` }) as StaticTurn) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => ({ text }) as StaticTurn) },
    { weight: 1, arbitrary: input.map((v) => ({ tool: 'submit_plan', input: v, stopReason: 'max_tokens' }) as StaticTurn) },
    { weight: 1, arbitrary: fc.constantFrom(400, 401, 404, 413).map((status) => ({ error: { status } }) as StaticTurn) },
    { weight: 1, arbitrary: fc.array(fc.oneof(input.map((v) => ({ type: 'tool_use' as const, name: 'submit_plan', input: v })), fc.string().map((text) => ({ type: 'text' as const, text }))), { maxLength: 3 }) }
  )
})()

/**
 * Model outputs, malformed in every way a model manages, through the real ModelClient (the Anthropic SDK
 * over HTTP) against the scripted Messages API server: a valid value or a typed error, nothing else.
 */
export async function fuzzModelOutputs(opts: { runs: number; seed: number }): Promise<TargetResult> {
  const result = newResult('model-outputs')
  const started = Date.now()
  const server = await startModelServer({ scenario: [] })
  try {
    const client = new ModelClient({ model: 'fuzz', apiKey: 'fuzz-key', baseURL: server.url, maxTokens: 2_000 }, async () => undefined)
    for (const turns of fc.sample(fc.array(reply, { minLength: 3, maxLength: 3 }), { numRuns: opts.runs, seed: opts.seed })) {
      result.inputs++
      server.setScenario(turns)
      try {
        const value = await client.structured({ step: 'fuzz', system: 'fuzz', prompt: 'fuzz', tool, maxRepairs: 2 })
        if (!outputSchema.safeParse(value).success) note(result, 'untypedErrors', `accepted an invalid output ${JSON.stringify(value).slice(0, 200)}`)
        count(result, 'value')
      } catch (error) {
        if (error instanceof ApiError && error.code !== 'internal') count(result, error.code)
        else note(result, 'untypedErrors', `${JSON.stringify(turns).slice(0, 300)} -> ${(error as Error).stack ?? error}`)
      }
    }
  } finally {
    await server.close()
  }
  result.durationMs = Date.now() - started
  return result
}
