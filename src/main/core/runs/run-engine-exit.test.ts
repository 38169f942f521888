import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'

/** Found by the chaos suite: an agent killed by a signal exits with code 0 in node-pty's report (and signal 9). */
describe('an agent killed by a signal', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  it('fails its run instead of offering its half-done work for merge', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('app', { '.flightdeck/policy.json': JSON.stringify({ health: { restartBudget: 0 } }) }) })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Half done' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo partial > wip.txt; kill -9 $$'] })
    let last: Run | undefined
    await expect
      .poll(async () => (last = await t.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000, interval: 100 })
      .toMatch(/^(failed|ready_to_merge)$/)
    expect(last).toMatchObject({ state: 'failed', exitCode: 137, detail: expect.stringMatching(/killed by signal 9/) })
  })
})
