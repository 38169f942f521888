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

  it('refuses a read on Store.db from inside a write at once, where it would wait forever for the transaction', async () => {
    const { store } = t.core.services
    const inside = store.write(async () => store.db.selectFrom('settings').selectAll().execute())
    await expect(inside).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/read through tx\.db/) })
    // Reads through the transaction, and reads once it has committed, are fine.
    expect(await store.write(async (tx) => tx.db.selectFrom('settings').selectAll().execute())).toEqual([])
    let later: Promise<unknown> | undefined
    await store.write(async () => void (later = Promise.resolve().then(() => new Promise((r) => setTimeout(r, 10))).then(() => store.db.selectFrom('settings').selectAll().execute())))
    await expect(later).resolves.toEqual([])
  })

  it('turns a trigger refusal into a typed immutable error, not a message to pattern-match', async () => {
    const { store } = t.core.services
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'x' })
    const attempt = store.write(async (tx) => tx.db.updateTable('context_packets').set({ content: '{}' }).execute())
    await expect(attempt).rejects.toMatchObject({ name: 'ApiError', code: 'immutable' })
  })
})
