import { afterEach, describe, expect, it } from 'vitest'
import { toolResults } from '../fixtures/model-server/request-inspect'
import { architectureTurn, clarifyTurn, decomposeTurn, extractTurn } from '../fixtures/prds/planning-model'
import { shopPrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

const good = clarifyTurn as { tool: string; input: { questions: unknown[] } }

describe('planning model output: repair loop and validation', () => {
  let rig: PlanRig | undefined
  afterEach(async () => rig?.close())

  async function newPlan(r: PlanRig) {
    return r.t.core.client.invoke('plan.create', { prdText: shopPrd, target: { kind: 'existing', repoId: r.repoId } })
  }

  it('repairs malformed JSON, then schema-violating output, within the bound, showing the model its errors', async () => {
    rig = await startPlanRig([
      { text: '{"title": "Corner Shop", "questions": [ {"question": ' },
      { tool: 'submit_clarifications', input: { ...good.input, questions: good.input.questions.slice(0, 2), extra: true } },
      clarifyTurn
    ])
    const plan = await newPlan(rig)
    const clarified = await rig.t.core.client.invoke('plan.clarify', { id: plan.id })
    expect(clarified.clarifications).toHaveLength(3)
    const [, second, third] = rig.server.requests
    const repairText = JSON.stringify(second?.body.messages?.at(-1))
    expect(repairText).toContain('not valid JSON')
    const [result] = toolResults(third!)
    expect(result?.isError).toBe(true)
    expect(result?.text).toMatch(/questions: ask 3 to 5 questions/)
    expect(result?.text).toMatch(/Unrecognized key.*extra/)
    const detail = await rig.t.core.client.invoke('plan.get', { id: plan.id })
    expect(detail.usage.byStep.clarify?.calls).toBe(3)
  })

  it('fails clearly after the repair bound, naming the problems, and writes nothing', async () => {
    const bad = { tool: 'submit_clarifications', input: { title: 'x', summary: 'y', questions: [] } }
    rig = await startPlanRig([bad, bad, bad, clarifyTurn])
    const plan = await newPlan(rig)
    await expect(rig.t.core.client.invoke('plan.clarify', { id: plan.id })).rejects.toMatchObject({
      code: 'invalid_model_output',
      message: expect.stringMatching(/clarify: the model's output was still invalid after 2 repair attempts: questions: ask 3 to 5 questions/)
    })
    expect(rig.server.remaining()).toBe(1)
    const after = await rig.t.core.client.invoke('plan.get', { id: plan.id })
    expect(after.plan).toMatchObject({ status: 'intake', clarifications: [] })
  })

  it('rejects a decomposition with a dependency cycle, naming the cycle, and refuses cyclic edits in review', async () => {
    rig = await startPlanRig([clarifyTurn, extractTurn(), architectureTurn(), decomposeTurn({ cycle: true }), decomposeTurn({ cycle: true }), decomposeTurn({ cycle: true })])
    const c = rig.t.core.client
    const plan = await newPlan(rig)
    await c.invoke('plan.clarify', { id: plan.id })
    await c.invoke('plan.generate', { id: plan.id })
    await expect(c.invoke('plan.decompose', { id: plan.id })).rejects.toThrow(/dependency cycle: W-1 -> W-5 -> W-4 -> W-3 -> W-2 -> W-1/)
    const [repair] = toolResults(rig.server.requests[4]!)
    expect(repair?.text).toContain('dependency cycle: W-1 -> W-5')

    rig.server.push(decomposeTurn())
    const ok = await c.invoke('plan.decompose', { id: plan.id })
    const cyclic = ok.items.map((i) => (i.key === 'W-1' ? { ...i, depends_on: ['W-3'] } : i))
    await expect(c.invoke('plan.updateItems', { id: plan.id, items: cyclic })).rejects.toThrow(/dependency cycle: W-1 -> W-3 -> W-2 -> W-1/)
    const gaps = ok.items.filter((i) => i.key !== 'W-2').map((i) => ({ ...i, depends_on: i.depends_on.filter((d) => d !== 'W-2') }))
    await expect(c.invoke('plan.updateItems', { id: plan.id, items: gaps })).rejects.toThrow(/must requirements no work item covers: R-002/)
    const unknown = ok.items.map((i) => (i.key === 'W-3' ? { ...i, depends_on: ['W-99'], requirement_ids: ['R-777'] } : i))
    await expect(c.invoke('plan.updateItems', { id: plan.id, items: unknown })).rejects.toThrow(/W-3 names unknown requirement R-777.*W-3 depends on unknown item W-99/)
    const stored = await c.invoke('plan.get', { id: plan.id })
    expect(stored.decomposition?.items).toEqual(ok.items)
    const dup = [...ok.items, { ...ok.items[0]!, key: 'W-9', depends_on: [] }]
    const saved = await c.invoke('plan.updateItems', { id: plan.id, items: dup })
    expect(saved.report.warnings.map((w) => w.message)).toEqual(['W-9 has the same title as W-1: "Implement R-001"'])
  })
})
