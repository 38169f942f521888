import { afterEach, describe, expect, it } from 'vitest'
import { promptOf, requirementIds, routerTurn, toolOf } from '../fixtures/prds/planning-model'
import { largePrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

describe('a 300-requirement PRD', () => {
  let rig: PlanRig | undefined
  afterEach(async () => rig?.close())

  it('is read section by section into a complete pack, decomposed in batches and approved whole', async () => {
    const prd = largePrd(300, 12)
    expect(prd.length).toBeGreaterThan(40_000)
    rig = await startPlanRig(Array.from({ length: 30 }, routerTurn))
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: prd, target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('plan.clarify', { id: plan.id })
    const { pack } = await c.invoke('plan.generate', { id: plan.id })

    const extractions = rig.server.requests.filter((r) => toolOf(r) === 'submit_requirements')
    expect(extractions.length).toBe(pack.prd.sections.length)
    expect(pack.prd.sections.length).toBeGreaterThanOrEqual(4)
    for (const r of extractions) expect(promptOf(r).length).toBeLessThan(16_000)
    expect(pack.requirements).toHaveLength(300)
    expect(pack.requirements.map((r) => r.id)).toEqual(Array.from({ length: 300 }, (_, i) => `R-${String(i + 1).padStart(3, '0')}`))
    expect(pack.requirements[299]?.text).toMatch(/capability 300 of group 12/)
    expect(pack.requirements.filter((r) => r.priority === 'should')).toHaveLength(100)
    expect(pack.prd.sections.reduce((n, s) => n + s.requirement_count, 0)).toBe(300)
    expect(pack.requirements[150]?.source).toMatch(/^S\d+ Area 7: capability group 7$/)
    const archRequest = rig.server.requests.find((r) => toolOf(r) === 'submit_architecture')!
    expect(requirementIds(promptOf(archRequest))).toHaveLength(300)
    expect(pack.coverage).toMatchObject({ requirements_total: 300, must_total: 200, covered_total: 300, uncovered: [] })

    const decomposition = await c.invoke('plan.decompose', { id: plan.id })
    expect(rig.server.requests.filter((r) => toolOf(r) === 'submit_work_items')).toHaveLength(4)
    expect(decomposition.report.errors).toEqual([])
    // web-app's one requirement, then order-api's 299 in batches of at most 120, each batch with its own test item
    expect(decomposition.items.filter((i) => i.category === 'test').map((i) => i.key)).toEqual(['W1-2', 'W2-121', 'W3-121', 'W4-60'])
    expect(decomposition.items).toHaveLength(304)
    expect(new Set(decomposition.items.flatMap((i) => i.requirement_ids)).size).toBe(300)

    const { issues } = await c.invoke('plan.approve', { id: plan.id })
    expect(issues).toHaveLength(304)
  }, 120_000)
})
