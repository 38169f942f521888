import Anthropic from '@anthropic-ai/sdk'
import { afterEach, describe, expect, it } from 'vitest'
import { startModelServer } from '../fixtures/model-server/model-server'
import type { RecordedRequest, StaticTurn, Turn } from '../fixtures/model-server/types'
import { architectureTurn, clarifyTurn, extractTurn, promptOf, toolOf } from '../fixtures/prds/planning-model'
import { largePrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

// Output cut off at max_tokens (stop_reason "max_tokens"), through the real core, model client and SDK
// against the scripted server: text is continued, a cut tool call gets a doubled budget once, then the PRD
// section is halved; when nothing helps the call fails naming the step and the limit.

const clarifyJson = JSON.stringify((clarifyTurn as { input: unknown }).input)
const half = Math.floor(clarifyJson.length / 2)
const extractions = (r: PlanRig) => r.server.requests.filter((q) => toolOf(q) === 'submit_requirements')
/** The PRD text inside an extraction prompt. */
const sectionOf = (q: RecordedRequest) => /<section>\n([\s\S]*?)\n<\/section>/.exec(promptOf(q))?.[1] ?? ''
const requirementLines = (text: string) => text.split('\n').filter((l) => l.startsWith('- The system'))

/** The extraction turn, cut at max_tokens: the tool input stops mid-JSON. */
function cutExtraction(): Turn {
  const whole = extractTurn() as (q: RecordedRequest) => StaticTurn
  return (q) => ({ ...(whole(q) as { tool: string; input: unknown }), stopReason: 'max_tokens' })
}

describe('planning model output cut off at max_tokens', () => {
  let rig: PlanRig | undefined
  afterEach(async () => rig?.close())

  it('the fixture streams a cut tool call: stop_reason max_tokens, partial input, the whole budget used', async () => {
    const server = await startModelServer({ scenario: [{ tool: 'submit_clarifications', input: { a: 'x'.repeat(40), b: [1, 2, 3] }, stopReason: 'max_tokens' }] })
    try {
      const sdk = new Anthropic({ baseURL: server.url, apiKey: 'k', maxRetries: 0 })
      const tools = [{ name: 'submit_clarifications', description: 'd', input_schema: { type: 'object' as const } }]
      const message = await sdk.messages.stream({ model: 'm', max_tokens: 321, tools, messages: [{ role: 'user', content: 'go' }] }).finalMessage()
      expect(message.stop_reason).toBe('max_tokens')
      expect(message.usage.output_tokens).toBe(321)
      // The SDK parses what arrived leniently: the first key survives, the second never came.
      expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'submit_clarifications' })
      const input = (message.content[0] as { input: Record<string, unknown> }).input
      expect(input.b).toBeUndefined()
      expect(server.requests[0]?.reply).toMatchObject({ stopReason: 'max_tokens', content: [{ partialJson: expect.stringMatching(/^\{"a":"x+/) }] })
    } finally {
      await server.close()
    }
  })

  it('continues text cut at max_tokens by sending the partial text back as the assistant turn', async () => {
    rig = await startPlanRig([{ text: clarifyJson.slice(0, half), stopReason: 'max_tokens' }, { text: clarifyJson.slice(half) }])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: largePrd(8, 1), target: { kind: 'existing', repoId: rig.repoId } })
    const clarified = await c.invoke('plan.clarify', { id: plan.id })

    expect(clarified).toMatchObject({ status: 'clarifying', title: 'Corner Shop Orders' })
    expect(clarified.clarifications.map((q) => q.question)).toEqual(['How many orders a day at peak?', 'Is payment taken online?', 'Must staff work offline?'])
    const [first, second, ...rest] = rig.server.requests
    expect(rest).toEqual([])
    expect(second?.body.messages?.at(-1)).toEqual({ role: 'assistant', content: clarifyJson.slice(0, half) })
    expect(second?.body.messages?.slice(0, -1)).toEqual(first?.body.messages)
    expect(second?.body.max_tokens).toBe(4096)
    const detail = await c.invoke('plan.get', { id: plan.id })
    expect(detail.usage.byStep.clarify).toMatchObject({ calls: 2, outputTokens: expect.any(Number) })
    expect(detail.usage.byStep.clarify!.outputTokens).toBeGreaterThanOrEqual(4096)
  })

  it('retries a cut tool call once with twice the budget, then halves the PRD section, and stores a complete pack', async () => {
    rig = await startPlanRig([clarifyTurn, cutExtraction(), cutExtraction(), extractTurn(), extractTurn(), extractTurn(), architectureTurn()])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: largePrd(8, 1), target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('plan.clarify', { id: plan.id })
    const { pack } = await c.invoke('plan.generate', { id: plan.id })

    // Halving cuts at headings first, then between lines: the title block, then two halves of the list.
    const calls = extractions(rig)
    expect(calls.map((q) => q.body.max_tokens)).toEqual([4096, 8192, 4096, 4096, 4096])
    expect(calls.map((q) => q.reply?.kind === 'message' && q.reply.stopReason)).toEqual(['max_tokens', 'max_tokens', 'tool_use', 'tool_use', 'tool_use'])
    const [whole, again, ...parts] = calls.map(sectionOf)
    expect(again).toBe(whole)
    expect(requirementLines(whole!)).toHaveLength(8)
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(Math.ceil(whole!.length / 2) + 1)
    // Together the parts are the section, and no requirement line was cut in two.
    expect(parts.join('\n').replace(/\s+/g, ' ').trim()).toBe(whole!.replace(/\s+/g, ' ').trim())
    expect(parts.flatMap(requirementLines)).toEqual(requirementLines(whole!))
    expect(parts.map((p) => requirementLines(p).length)).toEqual([0, 4, 4])

    // The stored pack holds every requirement once, in PRD order, traced to the original section S1.
    const stored = await c.invoke('plan.get', { id: plan.id })
    expect(stored.current?.pack).toEqual(pack)
    expect(pack.requirements.map((r) => r.id)).toEqual(Array.from({ length: 8 }, (_, i) => `R-${String(i + 1).padStart(3, '0')}`))
    expect(pack.requirements.map((r) => r.text.match(/capability (\d+) /)?.[1])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'])
    expect(pack.requirements.every((r) => r.source.startsWith('S1 '))).toBe(true)
    expect(pack.prd.sections).toMatchObject([{ id: 'S1', requirement_count: 8 }])
    expect(stored.usage.byStep.extract?.calls).toBe(5)
  })

  it('fails clearly when even the smallest part is cut off, and stores no pack', async () => {
    // Eight requirement lines and nothing else: 1,124 chars, halved to 562, then to 280 (too small to split).
    const listPrd = largePrd(8, 1).split('\n').filter((l) => l.startsWith('- ')).join('\n')
    rig = await startPlanRig([clarifyTurn, ...Array.from({ length: 12 }, cutExtraction)])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: listPrd, target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('plan.clarify', { id: plan.id })
    await expect(c.invoke('plan.generate', { id: plan.id })).rejects.toMatchObject({
      code: 'invalid_model_output',
      message: expect.stringMatching(/^extract:S1\.1\.1: the model's output was cut off at max_tokens \(8192\) even after raising the budget; split the input/)
    })
    // S1, its first half S1.1, that half's first half S1.1.1: two calls each (budget, doubled), then stop.
    const calls = extractions(rig)
    expect(calls.map((q) => q.body.max_tokens)).toEqual([4096, 8192, 4096, 8192, 4096, 8192])
    expect(calls.filter((_, i) => i % 2 === 0).map((q) => requirementLines(sectionOf(q)).length)).toEqual([8, 4, 2])
    expect(rig.server.remaining()).toBe(6)
    const after = await c.invoke('plan.get', { id: plan.id })
    expect(after.current).toBeNull()
    expect(after.versions).toEqual([])
    expect(after.plan.status).toBe('clarifying')
    expect(after.usage.byStep.extract?.calls).toBe(6)
  })
})
