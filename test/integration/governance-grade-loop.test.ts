import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'
import { greeterAgent, greeterCriteria } from '../fixtures/doctrine/greeter-agent'
import { completionReview, promptOf } from '../fixtures/doctrine/review-turns'
import { type ModelServer, startModelServer } from '../fixtures/model-server/model-server'

describe('a completion graded below the minimum goes back to the agent with the findings', () => {
  let t: TestCore
  let server: ModelServer
  const savedKey = process.env.ANTHROPIC_API_KEY
  beforeAll(() => void (process.env.ANTHROPIC_API_KEY = 'test-grader-key'))
  afterAll(() => (savedKey === undefined ? delete process.env.ANTHROPIC_API_KEY : void (process.env.ANTHROPIC_API_KEY = savedKey)))
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
    server = await startModelServer()
    await t.core.client.invoke('settings.update', { patch: { model: { name: 'grader-test', baseUrl: server.url, maxTokens: 4_096 } } })
    await t.core.client.invoke('secret.trustHost', { origin: new URL(server.url).origin })
  })
  afterEach(async () => {
    await server.close()
    await t.close()
  })

  it('blocks close at C, briefs the agent with a new ContextPacket, and passes at A on the second attempt', async () => {
    const { client } = t.core
    const policy = { governance: { review: { completionMinimum: 'B' }, gates: { closeRetries: 2 } } }
    const repo = await client.invoke('repo.add', { path: t.gitRepo('greeter', { 'README.md': '# greeter\n', '.flightdeck/policy.json': JSON.stringify(policy) }) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'Greet people', acceptanceCriteria: greeterCriteria })
    const prompts: string[] = []
    server.push(
      (request) => {
        prompts.push(promptOf(request))
        return completionReview('C', { criteria: [['greets by name', true], ['has a test', false]], fixes: ['add greet.test.js that checks greet()'], problem: 'no test at all' })
      },
      (request) => {
        prompts.push(promptOf(request))
        return completionReview('A', { criteria: [['greets by name', true], ['has a test', true]] })
      }
    )
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: greeterAgent })
    let last: Run | undefined
    await expect
      .poll(async () => (last = await client.invoke('run.get', { id: run.id })).state, { timeout: 60_000, interval: 200 })
      .toBe('ready_to_merge')

    expect(prompts).toHaveLength(2)
    expect(prompts[0]).toContain('greet.js')
    expect(prompts[0]).not.toContain('greet.test.js')
    expect(prompts[1]).toContain('greet.test.js')
    expect(prompts[1]).toContain('Your previous review (grade C) required\n- add greet.test.js that checks greet()')

    const reviews = await client.invoke('review.list', { runId: run.id })
    expect(reviews.map((r) => [r.stage, r.grade])).toEqual([['completion', 'C'], ['completion', 'A']])
    const packets = await client.invoke('issue.contextPackets', { issueId: issue.id })
    expect(packets.map((p) => p.version)).toEqual([1, 2])
    const feedback = String(packets[1]?.content.inputs.gateFeedback)
    expect(feedback).toContain('Completion grade: C, below the minimum B')
    expect(feedback).toContain('tests (problem): no test at all')
    expect(feedback).toContain('Required fixes:\n- add greet.test.js that checks greet()')
    expect(last).toMatchObject({ contextPacketId: packets[1]?.id, attempt: 2 })

    const gates = await client.invoke('gate.results', { runId: run.id })
    expect(gates.map((g) => [g.gate, g.phase, g.passed])).toEqual([['start', 'launch', true], ['close', 'validation', false], ['close', 'validation', true]])
    const closed = gates.at(-1)?.conditions
    expect(closed?.find((c) => c.id === 'completion_grade')).toMatchObject({ status: 'passed', detail: 'A (minimum B)' })
    expect(closed?.find((c) => c.id === 'done_criteria')).toMatchObject({ status: 'passed', detail: '2 of 2 met' })
    const events = (await client.invoke('event.list', { limit: 10_000 })).filter((e) => e.entity === run.id && e.topic === 'run.updated')
    expect(events.some((e) => String((e.payload as { reason?: string }).reason).includes('close gate failed (retry 1 of 2)'))).toBe(true)
    expect((await client.invoke('run.merge', { id: run.id })).state).toBe('merged')
  }, 90_000)
})
