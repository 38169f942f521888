import { afterEach, describe, expect, it } from 'vitest'
import type { EventEnvelope } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { findRun } from '../runs/run.repository'
import { patchRun } from '../runs/run-transition'
import { KEEP_NOTIFICATIONS } from './notification-projector'

describe('notifications', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  async function failedRun() {
    t = await startTestCore({ engine: true })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('app') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Fix the cart' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'exit 3'] })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('failed')
    return run
  }

  it('records a failed run once, in the transaction of its move; another core on the file lists it; read and clear persist', async () => {
    const run = await failedRun()
    const created: EventEnvelope[] = []
    const listed = await t!.core.client.invoke('notification.list', {})
    expect(listed).toEqual([expect.objectContaining({ title: 'Run failed: Fix the cart', severity: 'error', target: { kind: 'run', runId: run.id }, read: false })])
    const events = (await t!.core.client.invoke('event.list', {})).filter((e) => e.topic === 'notification.created')
    expect(events.map((e) => (e.payload as { notification: { id: string } }).notification.id)).toEqual([listed[0]!.id])

    // A second process (a restarted app, a CLI) sees the same record; nothing is projected twice.
    const other = await t!.reopen()
    other.subscribe((e) => e.topic.startsWith('notification.') && created.push(e))
    expect(await other.client.invoke('notification.list', {})).toHaveLength(1)
    expect(await other.client.invoke('notification.read', {})).toEqual({ read: 1 })
    expect(await other.client.invoke('notification.read', {})).toEqual({ read: 0 })
    expect((await t!.core.client.invoke('notification.list', {}))[0]).toMatchObject({ read: true })
    await expect.poll(() => created.map((e) => e.topic)).toEqual(['notification.read'])
    expect(await t!.core.client.invoke('notification.clear', {})).toEqual({ cleared: 1 })
    expect(await other.client.invoke('notification.list', {})).toEqual([])
    await expect(t!.core.client.invoke('notification.list', { limit: 0 })).rejects.toMatchObject({ code: 'invalid_input', path: 'limit' })
  })

  it('tells an agent that needs input once per time it asks, from the run as its previous event left it', async () => {
    const run = await failedRun()
    await t!.core.client.invoke('notification.clear', {})
    const { store } = t!.core.services
    const patch = async (activity: Run['activity'], detail?: string) => {
      const current = (await findRun(store.db, run.id)) as Run
      await store.write((tx) => patchRun(tx, current, { activity, ...(detail ? { detail } : {}) }))
    }
    await patch('needs_input')
    await patch('needs_input', 'still waiting')
    await patch('working')
    await patch('needs_input')
    const titles = (await t!.core.client.invoke('notification.list', {})).map((n) => n.title)
    expect(titles).toEqual(['shell needs input', 'shell needs input'])
  })

  it(`keeps the newest ${KEEP_NOTIFICATIONS}`, async () => {
    const run = await failedRun()
    const { store } = t!.core.services
    const current = (await findRun(store.db, run.id)) as Run
    await store.write(async (tx) => {
      for (let i = 0; i < 2 * KEEP_NOTIFICATIONS + 10; i++) await patchRun(tx, current, { activity: i % 2 ? 'working' : 'stalled' })
    })
    const all = await t!.core.client.invoke('notification.list', { limit: 1_000 })
    expect(all).toHaveLength(KEEP_NOTIFICATIONS)
    expect(all[0]!.title).toBe('shell is stalled')
  })
})
