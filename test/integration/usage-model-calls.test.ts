import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../fixtures/core'
import { planReview } from '../fixtures/doctrine/review-turns'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { clarifyTurn } from '../fixtures/prds/planning-model'
import { shopConstraints, shopPrd } from '../fixtures/prds/prds'
import { type PlanRig, startPlanRig } from './plan-helpers'

const inputTokensOf = (body: unknown) => Math.ceil(JSON.stringify(body).length / 4)

/** Flightdeck's own model calls (the grader, the planning rail) are usage too, from the SDK responses' usage. */
describe("Flightdeck's own model calls as usage", () => {
  let t: TestCore | undefined
  let server: ModelServer | undefined
  let rig: PlanRig | undefined
  const savedKey = process.env.ANTHROPIC_API_KEY
  beforeAll(() => void (process.env.ANTHROPIC_API_KEY = 'test-grader-key'))
  afterAll(() => (savedKey === undefined ? delete process.env.ANTHROPIC_API_KEY : void (process.env.ANTHROPIC_API_KEY = savedKey)))
  afterEach(async () => {
    await server?.close()
    await t?.close()
    await rig?.close()
  })

  it("records each grading call against the run it grades", async () => {
    t = await startTestCore()
    server = await startModelServer()
    await t.core.client.invoke('settings.update', { patch: { model: { name: 'claude-haiku-4-5', baseUrl: server.url, maxTokens: 4_096 } } })
    await t.core.client.invoke('secret.trustHost', { origin: new URL(server.url).origin })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('graded') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Add a greeting', acceptanceCriteria: ['prints hello'] })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '30'] })
    server.push(planReview('B', { files: 1, lines: 10, newDependencies: [] }))
    await t.core.client.invoke('review.plan', { runId: run.id, plan: 'Add hello.sh.' })
    const usage = await t.core.client.invoke('usage.forRun', { runId: run.id })
    const [request] = server.requests.filter((r) => r.kind === 'main')
    expect(usage.records).toMatchObject([{ source: 'grading', model: 'claude-haiku-4-5', runId: run.id, issueId: issue.id, inputTokens: inputTokensOf(request!.body) }])
    expect(usage.records[0]!.outputTokens).toBeGreaterThan(0)
    expect(usage.records[0]!.costUsd).toBeGreaterThan(0)
    await t.core.client.invoke('run.stop', { id: run.id })
  })

  it('records planning calls against their plan, outside any run', async () => {
    rig = await startPlanRig([clarifyTurn])
    const c = rig.t.core.client
    const plan = await c.invoke('plan.create', { prdText: shopPrd, orgConstraintsYaml: shopConstraints, target: { kind: 'existing', repoId: rig.repoId } })
    await c.invoke('plan.clarify', { id: plan.id })
    const rows = await rig.t.core.services.store.db.selectFrom('usage_records').selectAll().execute()
    expect(rows).toMatchObject([{ source: 'planning', plan_id: plan.id, run_id: null, input_tokens: inputTokensOf(rig.server.requests[0]!.body) }])
    expect((await c.invoke('usage.summary', { by: 'run' }))[0]).toMatchObject({ key: null, calls: 1 })
  })
})
