import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { priceOf } from './prices'
import { recordUsage } from './usage.repository'

describe('usage records', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())
  const invoke: TestCore['core']['client']['invoke'] = (name, input) => t.core.client.invoke(name, input)

  async function aRun(repoName: string, title: string) {
    const repo = await invoke('repo.add', { path: t.gitRepo(repoName) })
    const issue = await invoke('issue.create', { repoId: repo.id, title })
    // The shell agent runs `true`; only the run (its issue and repository) matters here.
    const run = await invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['true'] })
    return { repo, issue, run }
  }

  it('prices known families at list price and leaves unknown models unpriced, never guessed', () => {
    const t1 = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadTokens: 1_000_000, cacheWriteTokens: 1_000_000 }
    expect(priceOf('claude-sonnet-4-5-20250929', t1)).toBe(3 + 15 + 0.3 + 3.75)
    expect(priceOf('claude-opus-4-1-20250805', t1)).toBe(15 + 75 + 1.5 + 18.75)
    expect(priceOf('claude-opus-4-5', t1)).toBe(5 + 25 + 0.5 + 6.25)
    expect(priceOf('claude-3-5-haiku-20241022', { ...t1, cacheReadTokens: 0, cacheWriteTokens: 0 })).toBe(4.8)
    expect(priceOf('gpt-5-mini', { ...t1, cacheWriteTokens: 0 })).toBe(2.275)
    expect(priceOf('my-local-llama', t1)).toBeNull()
  })

  it('records reported usage once per external id, prices it, and sums it by run, issue, repository and day', async () => {
    const a = await aRun('alpha', 'Add a cache')
    const b = await aRun('beta', 'Fix the parser')
    const first = await invoke('usage.record', { runId: a.run.id, usage: { model: 'claude-sonnet-4-5', inputTokens: 1_000, outputTokens: 2_000, cacheReadTokens: 10_000, externalId: 'msg_1', at: '2026-12-01T10:00:00.000Z' } })
    expect(first.record).toMatchObject({ runId: a.run.id, issueId: a.issue.id, repoId: a.repo.id, source: 'agent', costUsd: 0.036 })
    expect((await invoke('usage.record', { runId: a.run.id, usage: { model: 'claude-sonnet-4-5', inputTokens: 1_000, externalId: 'msg_1' } })).record).toBeNull()
    await invoke('usage.record', { runId: a.run.id, usage: { model: 'gpt-5', inputTokens: 500, outputTokens: 100, costUsd: 0.5, at: '2026-12-02T08:00:00.000Z' } })
    await invoke('usage.record', { runId: b.run.id, usage: { model: 'mystery-model', inputTokens: 70, outputTokens: 30, at: '2026-12-02T09:00:00.000Z' } })

    const byRun = await invoke('usage.summary', { by: 'run' })
    expect(byRun.map((g) => [g.key, g.label, g.calls, g.tokens, g.costUsd, g.unpricedCalls])).toEqual([
      [a.run.id, 'Add a cache', 2, 13_600, 0.536, 0],
      [b.run.id, 'Fix the parser', 1, 100, 0, 1]
    ])
    expect((await invoke('usage.summary', { by: 'repo' })).map((g) => [g.label, g.tokens])).toEqual([['alpha', 13_600], ['beta', 100]])
    expect((await invoke('usage.summary', { by: 'issue' })).map((g) => g.key)).toEqual([a.issue.id, b.issue.id])
    expect((await invoke('usage.summary', { by: 'day' })).map((g) => [g.key, g.calls])).toEqual([['2026-12-02', 2], ['2026-12-01', 1]])

    const forRun = await invoke('usage.forRun', { runId: a.run.id })
    expect(forRun.totals).toMatchObject({ calls: 2, inputTokens: 1_500, outputTokens: 2_100, cacheReadTokens: 10_000, tokens: 13_600 })
    expect(forRun.records.map((r) => r.model)).toEqual(['gpt-5', 'claude-sonnet-4-5'])
    expect(forRun.budgets.every((s) => s.state === 'ok' && s.hard === null)).toBe(true)
  })

  it('refuses usage for an unknown run and bad numbers, writing nothing', async () => {
    await expect(invoke('usage.record', { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', usage: { model: 'x' } })).rejects.toMatchObject({ code: 'not_found', path: 'runId' })
    await expect(invoke('usage.record', { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', usage: { model: 'x', inputTokens: 1.5 } })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(invoke('budget.raise', { runId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('name at least one limit') })
    expect(await invoke('usage.summary', {})).toEqual([])
  })

  it('records Flightdeck-side calls without a run (planning) under their own group', async () => {
    await t.core.services.store.write((tx) => recordUsage(tx, { source: 'planning', planId: 'plan-1', model: 'claude-haiku-4-5', inputTokens: 100, outputTokens: 10 }))
    const [g] = await invoke('usage.summary', { by: 'run' })
    expect(g).toMatchObject({ key: null, label: 'not linked to a run (planning)', calls: 1, tokens: 110, costUsd: 0.00015 })
  })
})
