import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { planReview, promptOf } from '../fixtures/doctrine/review-turns'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'
import { apiKeyOf, toolResults } from '../fixtures/model-server/request-inspect'

describe('the grader against the scripted Messages API', () => {
  let t: TestCore
  let server: ModelServer
  let run: Run
  const savedKey = process.env.ANTHROPIC_API_KEY
  beforeAll(() => void (process.env.ANTHROPIC_API_KEY = 'test-grader-key'))
  afterAll(() => (savedKey === undefined ? delete process.env.ANTHROPIC_API_KEY : void (process.env.ANTHROPIC_API_KEY = savedKey)))
  beforeEach(async () => {
    t = await startTestCore()
    server = await startModelServer()
    await t.core.client.invoke('settings.update', { patch: { model: { name: 'grader-test', baseUrl: server.url, maxTokens: 4_096 } } })
    await t.core.client.invoke('secret.trustHost', { origin: new URL(server.url).origin })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('graded') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Add a greeting', body: 'Print hello.', acceptanceCriteria: ['prints hello'] })
    run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '60'] })
  })
  afterEach(async () => {
    await server.close()
    await t.close()
  })

  it('grades a plan through a forced tool call and stores it as a review artifact', async () => {
    server.push(planReview('B', { files: 1, lines: 10, newDependencies: [] }))
    const report = await t.core.client.invoke('review.plan', { runId: run.id, plan: 'Add hello.sh that prints hello; add a test.' })
    expect(report).toMatchObject({ stage: 'plan', grade: 'B', attempts: 1, model: 'grader-test', estimate: { files: 1, lines: 10 } })
    const [request] = server.requests.filter((r) => r.kind === 'main')
    expect(request?.body).toMatchObject({ model: 'grader-test', tool_choice: { type: 'tool', name: 'submit_plan_review' } })
    expect(apiKeyOf(request!)).toBe('test-grader-key')
    expect(promptOf(request!)).toContain('Add hello.sh that prints hello')
    expect(promptOf(request!)).toContain('- prints hello')
    const artifacts = await t.core.services.store.db.selectFrom('artifacts').selectAll().where('run_id', '=', run.id).where('kind', '=', 'review').execute()
    expect(artifacts).toHaveLength(1)
    expect(JSON.parse(artifacts[0]!.meta)).toEqual({ stage: 'plan', grade: 'B' })
  })

  it('shows the model its schema errors and accepts the repaired output', async () => {
    server.push(
      { tool: 'submit_plan_review', input: { grade: 'E', summary: 'meh', findings: [], requiredFixes: [] } },
      { ...planReview('C'), waitFor: { toolResult: true } },
      { ...planReview('C', undefined, ['split the script']), waitFor: { toolResult: true } }
    )
    const report = await t.core.client.invoke('review.plan', { runId: run.id })
    expect(report).toMatchObject({ grade: 'C', attempts: 3, requiredFixes: ['split the script'] })
    const [, second, third] = server.requests.filter((r) => r.kind === 'main')
    const firstRepair = toolResults(second!)[0]
    expect(firstRepair?.isError).toBe(true)
    expect(firstRepair?.text).toMatch(/grade: .*"F"/)
    expect(firstRepair?.text).toMatch(/findings: .*1/)
    expect(firstRepair?.text).toContain('estimate')
    expect(toolResults(third!)[0]?.text).toContain('a grade of C needs at least one required fix')
  })

  it('fails clearly after the bounded repairs, storing nothing', async () => {
    const bad = { tool: 'submit_plan_review', input: { grade: 'A+', summary: '', findings: 'none', requiredFixes: [], estimate: null } }
    server.push(bad, { ...bad, waitFor: { toolResult: true } }, { ...bad, waitFor: { toolResult: true } }, { ...planReview('A'), waitFor: { toolResult: true } })
    const error = await t.core.client.invoke('review.plan', { runId: run.id }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'invalid_model_output' })
    expect((error as Error).message).toMatch(/still invalid after 2 repair attempts: grade: .*; summary: /)
    expect(server.remaining()).toBe(1)
    expect(await t.core.client.invoke('review.list', { runId: run.id })).toEqual([])
  })

  it('says what is missing when no API key is available', async () => {
    delete process.env.ANTHROPIC_API_KEY
    try {
      await expect(t.core.client.invoke('review.plan', { runId: run.id })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('ANTHROPIC_API_KEY') })
    } finally {
      process.env.ANTHROPIC_API_KEY = 'test-grader-key'
    }
    expect(server.requests).toHaveLength(0)
  })
})
