import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../../../test/fixtures/temp'
import { newId, now } from '../ids'
import { migrationCount } from './migrations'
import { type OpenedDatabase, openDatabase } from './open-database'

describe('openDatabase', () => {
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  async function open(): Promise<OpenedDatabase> {
    const tmp = tempDir()
    cleanups.push(tmp.cleanup)
    const opened = await openDatabase(path.join(tmp.dir, 'fd.db'))
    cleanups.push(() => opened.close())
    return opened
  }

  async function seedIssue(opened: OpenedDatabase): Promise<string> {
    const repoId = newId()
    const issueId = newId()
    await opened.db
      .insertInto('repos')
      .values({ id: repoId, name: 'r', path: `/tmp/${repoId}`, default_branch: 'main', created_at: now() })
      .execute()
    await opened.db
      .insertInto('issues')
      .values({
        id: issueId, repo_id: repoId, title: 't', body: '', acceptance_criteria: '[]', priority: 'low',
        type: 'feature', labels: '[]', status: 'planning', scale_tier: null, created_at: now(), updated_at: now()
      })
      .execute()
    return issueId
  }

  it('uses WAL and enforces foreign keys', async () => {
    const { sqlite, db } = await open()
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    await expect(
      db.insertInto('context_packets').values({ id: newId(), issue_id: 'nope', version: 1, content: '{}', created_at: now() }).execute()
    ).rejects.toThrow(/FOREIGN KEY/)
  })

  it('runs migrations once and is idempotent on reopen', async () => {
    const tmp = tempDir()
    cleanups.push(tmp.cleanup)
    const file = path.join(tmp.dir, 'fd.db')
    const first = await openDatabase(file)
    await first.close()
    const second = await openDatabase(file)
    const migrations = second.sqlite.prepare('SELECT name FROM kysely_migration').all()
    expect(migrations).toHaveLength(migrationCount())
    await second.close()
  })

  it('rejects updates and deletes of context packets, constraint snapshots and events in the store itself', async () => {
    const opened = await open()
    const issueId = await seedIssue(opened)
    const packetId = newId()
    await opened.db.insertInto('context_packets').values({ id: packetId, issue_id: issueId, version: 1, content: '{"a":1}', created_at: now() }).execute()
    const snapId = newId()
    await opened.db.insertInto('constraint_snapshots').values({ id: snapId, issue_id: issueId, content: '{}', created_at: now() }).execute()
    opened.sqlite.prepare("INSERT INTO events (id, ts, topic, entity, payload) VALUES ('e1', 'now', 't', 'x', '{}')").run()

    await expect(opened.db.updateTable('context_packets').set({ content: '{"a":2}' }).where('id', '=', packetId).execute()).rejects.toThrow(/immutable/)
    await expect(opened.db.deleteFrom('context_packets').where('id', '=', packetId).execute()).rejects.toThrow(/immutable/)
    await expect(opened.db.updateTable('constraint_snapshots').set({ content: '{"x":1}' }).where('id', '=', snapId).execute()).rejects.toThrow(/immutable/)
    expect(() => opened.sqlite.prepare("UPDATE events SET payload = '{\"x\":1}'").run()).toThrow(/immutable/)
    expect(() => opened.sqlite.prepare('DELETE FROM events').run()).toThrow(/immutable/)

    const packet = await opened.db.selectFrom('context_packets').select('content').where('id', '=', packetId).executeTakeFirstOrThrow()
    expect(packet.content).toBe('{"a":1}')
  })
})
