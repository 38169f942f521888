import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

/** The app and the CLI are two processes on one database: the plan lock must hold across them. */
describe('plan lock', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  it('refuses a second step on the same plan from another core, and frees it when the first ends', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const plan = await t.core.client.invoke('plan.create', { prdText: '# Shop\n\nSell things.', target: { kind: 'existing', repoId: repo.id } })
    const other = await t.reopen() // a second process would open the same file the same way
    let finish!: () => void
    const first = t.core.services.planning.ctx.exclusive(plan.id, 'generate', () => new Promise<string>((r) => (finish = () => r('done'))))
    await expect.poll(async () => (await t.core.services.store.db.selectFrom('plan_locks').selectAll().execute()).length).toBe(1)
    await expect(other.services.planning.ctx.exclusive(plan.id, 'chat', async () => 'raced')).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/generate in progress/) })
    finish()
    expect(await first).toBe('done')
    expect(await other.services.planning.ctx.exclusive(plan.id, 'chat', async () => 'second')).toBe('second')
  })

  it('takes over a lock whose process is gone', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const plan = await t.core.client.invoke('plan.create', { prdText: '# Shop\n\nSell things.', target: { kind: 'existing', repoId: repo.id } })
    const { store } = t.core.services
    const far = new Date(Date.now() + 3_600_000).toISOString()
    await store.write((tx) => tx.db.insertInto('plan_locks').values({ plan_id: plan.id, step: 'generate', holder: 'dead', pid: 999_999, acquired_at: far, expires_at: far }).execute())
    expect(await t.core.services.planning.ctx.exclusive(plan.id, 'chat', async () => 'ok')).toBe('ok')
  })
})
