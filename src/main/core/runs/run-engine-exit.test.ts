import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { type TestCore, engineProcess, startTestCore } from '../../../../test/fixtures/core'
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

/** Found by the landing suite's two-engine test: both engines saw the agent end and both validated the run. */
describe('an agent that ends while two engines watch it', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  it('is validated once: the second engine steps aside, so a late verdict cannot move the run back from the queue', async () => {
    const other = await engineProcess(t.home)
    onTestFinished(() => other.stop())
    const policy = { validation: { commands: [{ name: 'slow', argv: ['sh', '-c', 'sleep 1'] }] } }
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('app', { '.flightdeck/policy.json': JSON.stringify(policy) }) })
    // Six agents that live a while (the second engine attaches to their sessions) and end together.
    const runs = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map(async (name) => {
      const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: `Once ${name}` })
      return t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `sleep 3; echo ${name} > ${name}.txt && git add ${name}.txt && git commit -qm ${name}`] })
    }))
    for (const run of runs) await expect.poll(async () => (await t.core.client.invoke('run.get', { id: run.id })).state, { timeout: 40_000, interval: 100 }).toBe('ready_to_merge')
    await new Promise((r) => setTimeout(r, 1_500)) // a second pass, were one under way, would end in this time
    for (const run of runs) {
      const moves = (await t.core.client.invoke('event.forEntity', { entity: run.id }))
        .filter((e) => e.topic === 'run.updated' && (e.payload as { from?: string }).from)
        .map((e) => `${(e.payload as { from: string }).from}->${(e.payload as { run: Run }).run.state}`)
      expect(moves.filter((m) => m.endsWith('->validating') || m.endsWith('->ready_to_merge'))).toEqual(['running->validating', 'validating->ready_to_merge'])
    }
  }, 60_000)
})
