import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../test/fixtures/core'
import { now } from './ids'

/** One write path: rows change only inside Store.write, where their events are appended in the same transaction. */
describe('Store', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  it('refuses inserts, updates and deletes outside Store.write, and allows them inside', async () => {
    const { store } = t.core.services
    const row = { key: 'theme', value: '"dark"', updated_at: now() }
    await expect(store.db.insertInto('settings').values(row).execute()).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/outside Store\.write/) })
    await expect(store.db.updateTable('settings').set({ value: '"x"' }).execute()).rejects.toThrow(/outside Store\.write/)
    await expect(store.db.deleteFrom('settings').execute()).rejects.toThrow(/outside Store\.write/)
    await store.write(async (tx) => tx.db.insertInto('settings').values(row).execute())
    expect(await store.db.selectFrom('settings').selectAll().execute()).toHaveLength(1)
  })

  it('turns a trigger refusal into a typed immutable error, not a message to pattern-match', async () => {
    const { store } = t.core.services
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'x' })
    const attempt = store.write(async (tx) => tx.db.updateTable('context_packets').set({ content: '{}' }).execute())
    await expect(attempt).rejects.toMatchObject({ name: 'ApiError', code: 'immutable' })
  })
})
