import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

describe('a wall-time budget', () => {
  let t: TestCore | undefined
  afterEach(() => t?.close())

  it('pauses an agent that spends no tokens at all once it has run past its hard limit', async () => {
    t = await startTestCore({ engine: true })
    const repo = t.gitRepo('slow', { '.flightdeck/policy.json': JSON.stringify({ sandbox: { mode: 'off' }, budgets: { wallMinutes: { hard: 0.01 } } }) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Take your time' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '60'] })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('running')
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    // The engine checks wall time every 15 s; the test asks for the pass now.
    await t.core.services.usageEngine.checkActive()
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 10_000 }).toBe('stopped')
    expect((await t.core.client.invoke('run.get', { id: run.id })).detail).toMatch(/^paused over budget: wall time: [\d.]+ of 0\.01 min/)
    const wall = async () => (await t!.core.client.invoke('usage.forRun', { runId: run.id })).budgets.find((b) => b.metric === 'wallMinutes')!
    const paused = await wall()
    expect(paused).toMatchObject({ state: 'hard', hard: 0.01 })
    // Paused time does not count: a raised limit is not used up while the operator decides.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect((await wall()).used).toBe(paused.used)
  })
})
