import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'

// As on a machine without bubblewrap (this file runs in its own process; the probe is per process).
process.env.FLIGHTDECK_BWRAP = '/nonexistent/bwrap'

describe('where the agent cannot be sandboxed', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  async function start(sandbox: object): Promise<Run> {
    t = await startTestCore({ engine: true })
    const repo = t.gitRepo('box', { 'README.md': '# box\n', '.flightdeck/policy.json': JSON.stringify({ sandbox }) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Work' })
    return t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo hi'] })
  }

  it('refuses to start an agent unconfined when the policy does not allow it, and says why', async () => {
    const run = await start({ allowUnsandboxed: false })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('failed')
    const failed = await t!.core.client.invoke('run.get', { id: run.id })
    expect(failed.detail).toMatch(/cannot be sandboxed here \(bubblewrap \(\/nonexistent\/bwrap\) is not installed.*\) and the policy does not allow running it unconfined/)
  })

  it('starts it unconfined where the policy allows, and the run and doctor say so', async () => {
    const run = await start({})
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('ready_to_merge')
    const confined = (await t!.core.client.invoke('event.forEntity', { entity: run.id })).find((e) => e.topic === 'run.confined')
    expect(confined?.payload).toMatchObject({ confinement: { mode: 'off', reason: expect.stringMatching(/^unsandboxed: bubblewrap .* is not installed/) } })
    const doctor = await t!.core.client.invoke('system.doctor', {})
    expect(doctor.find((c) => c.name === 'sandbox')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/agents run unconfined/) })
  })
})
