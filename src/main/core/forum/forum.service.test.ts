import SqliteDatabase from 'better-sqlite3'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import { rebuildForumProjections } from './forum-projection'

const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'

describe('forum', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  const invoke: TestCore['core']['client']['invoke'] = (name, input) => t.core.client.invoke(name, input)
  function snapshot(): Record<string, unknown[]> {
    const db = new SqliteDatabase(path.join(t.home, 'flightdeck.db'), { readonly: true })
    try {
      return {
        threads: db.prepare('SELECT * FROM forum_threads ORDER BY id').all(),
        posts: db.prepare('SELECT * FROM forum_posts ORDER BY id').all(),
        events: db.prepare('SELECT seq FROM events').all(),
        packets: db.prepare('SELECT id FROM context_packets').all()
      }
    } finally {
      db.close()
    }
  }

  async function issue(title = 'Pick a port') {
    const repo = await invoke('repo.add', { path: t.gitRepo() })
    return invoke('issue.create', { repoId: repo.id, title })
  }

  it('keeps every command as an event with a trace, and orders the inbox: waiting for the operator, priority, age', async () => {
    const i = await issue()
    const note = await invoke('forum.ask', { kind: 'note', title: 'FYI', body: 'tests are slow', priority: 'urgent', issueId: i.id })
    const low = await invoke('forum.ask', { title: 'Which port?', body: 'Which port should the server use?', priority: 'low', issueId: i.id, options: ['8080', '3000'] })
    const high = await invoke('forum.ask', { title: 'Which database?', body: 'SQLite or Postgres?', priority: 'high' })
    const older = await invoke('forum.ask', { kind: 'blocker', title: 'CI is red', body: 'main fails', priority: 'high' })
    expect(low).toMatchObject({ state: 'open', options: ['8080', '3000'], postCount: 1, issueId: i.id, slaMinutes: 30 })

    expect((await invoke('forum.inbox', {})).map((x) => x.id)).toEqual([high.id, older.id, low.id, note.id])
    await invoke('forum.priority', { threadId: low.id, priority: 'urgent' })
    await invoke('forum.assign', { threadId: low.id, assignee: 'ada' })
    expect((await invoke('forum.inbox', {})).map((x) => x.id)).toEqual([low.id, high.id, older.id, note.id])

    const answered = await invoke('forum.answer', { threadId: low.id, text: 'Use 8080.' })
    expect(answered.thread).toMatchObject({ state: 'answered', assignee: 'ada', postCount: 2 })
    expect(answered.posts.map((p) => [p.authorRole, p.isAnswer])).toEqual([['operator', false], ['operator', true]])
    expect((await invoke('forum.inbox', {})).at(-1)?.id).toBe(low.id)
    // The Q&A is a new briefing version of the issue.
    const packets = await invoke('issue.contextPackets', { issueId: i.id })
    expect(packets.at(-1)).toMatchObject({ version: 2, content: { qa: [{ question: 'Which port?\n\nWhich port should the server use?', answer: 'Use 8080.', threadId: low.id }] } })

    await invoke('forum.close', { threadId: note.id, reason: 'noted' })
    await expect(invoke('forum.state', { threadId: note.id, state: 'answered' })).rejects.toMatchObject({ code: 'transition_refused' })
    expect((await invoke('forum.state', { threadId: note.id, state: 'open' })).state).toBe('open')
    expect(await invoke('forum.stats', {})).toMatchObject({ total: 4, openQuestions: 2, byState: { open: 3, answered: 1 } })

    const events = (await invoke('event.list', { limit: 10_000 })).filter((e) => e.topic.startsWith('forum.'))
    expect(events.map((e) => e.topic)).toEqual([
      ...Array(4).fill('forum.thread_opened'), 'forum.priority_changed', 'forum.assigned', 'forum.post_added', 'forum.state_changed', 'forum.state_changed'
    ])
    const onLow = events.filter((e) => e.entity === low.id)
    for (const [k, e] of onLow.entries()) {
      const meta = (e.payload as { meta: { correlationId: string; causationId: string | null; commandId: string } }).meta
      expect(meta.correlationId).toBe(low.id)
      expect(meta.causationId).toBe(k === 0 ? null : onLow[k - 1]?.id)
    }
  })

  it('rebuilds projections from the event log equal to the live ones, idempotently', async () => {
    const i = await issue()
    for (let n = 0; n < 5; n++) {
      const th = await invoke('forum.ask', { title: `Q${n}`, body: `question ${n}`, issueId: i.id, priority: n % 2 ? 'high' : 'low' })
      if (n % 2) await invoke('forum.answer', { threadId: th.id, text: `answer ${n}` })
      if (n === 2) await invoke('forum.post', { threadId: th.id, text: 'more detail?' })
      if (n === 4) await invoke('forum.close', { threadId: th.id })
    }
    await t.core.services.forumEngine.escalateDue(new Date(Date.now() + 31 * 60_000))
    const live = snapshot()
    const forumEvents = (await invoke('event.list', { limit: 10_000 })).filter((e) => e.topic.startsWith('forum.'))
    expect(await t.core.services.store.write(async (tx) => rebuildForumProjections(tx.db))).toBe(forumEvents.length)
    expect(snapshot()).toEqual(live)
    await t.core.services.store.write(async (tx) => rebuildForumProjections(tx.db))
    expect(snapshot()).toEqual(live)
  })

  it('refuses oversized posts and unknown threads with clear errors, changing nothing', async () => {
    const th = await invoke('forum.ask', { title: 'Q', body: 'question' })
    const before = snapshot()
    const big = await t.core.dispatch('forum.answer', { threadId: th.id, text: 'x'.repeat(20_001) })
    expect(big).toMatchObject({ ok: false, error: { code: 'invalid_input', path: 'text', message: 'text: text is at most 20000 characters' } })
    for (const name of ['forum.answer', 'forum.post'] as const) {
      const unknown = await t.core.dispatch(name, { threadId: ghost, text: 'hello' })
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found', path: 'threadId', message: `no forum thread with id ${ghost}` } })
    }
    for (const [name, extra] of [['forum.assign', { assignee: 'x' }], ['forum.close', {}], ['forum.state', { state: 'closed' }], ['forum.priority', { priority: 'high' }], ['forum.seen', {}], ['forum.thread', {}]] as const) {
      expect(await t.core.dispatch(name, { threadId: ghost, ...extra })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    }
    expect(await t.core.dispatch('forum.ask', { title: 'Q', body: 'b', issueId: ghost })).toMatchObject({ ok: false, error: { code: 'not_found', path: 'issueId' } })
    await invoke('forum.close', { threadId: th.id })
    const closed = snapshot()
    expect(await t.core.dispatch('forum.answer', { threadId: th.id, text: 'late' })).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringMatching(/closed; reopen it/) } })
    expect(snapshot()).toEqual(closed)
    expect(before.posts).toHaveLength(1)
  })

  it('escalates a question unanswered past its SLA: priority bump, an event, counted as overdue, again each period', async () => {
    const i = await issue()
    const th = await invoke('forum.ask', { title: 'Q', body: 'question', issueId: i.id, priority: 'medium' })
    const engine = t.core.services.forumEngine
    expect(await engine.escalateDue(new Date(Date.now() + 10 * 60_000))).toBe(0)
    // Operator-opened threads carry the SLA but only start its clock when waiting for the operator.
    await invoke('forum.state', { threadId: th.id, state: 'waiting_operator' })
    expect(await engine.escalateDue(new Date(Date.now() + 31 * 60_000))).toBe(1)
    expect((await invoke('forum.thread', { threadId: th.id })).thread).toMatchObject({ priority: 'high', escalations: 1 })
    expect(await engine.escalateDue(new Date(Date.now() + 32 * 60_000))).toBe(0)
    expect(await engine.escalateDue(new Date(Date.now() + 62 * 60_000))).toBe(1)
    expect((await invoke('forum.thread', { threadId: th.id })).thread.priority).toBe('urgent')
    expect((await invoke('forum.stats', {})).overdue).toBe(1)
    const breaches = (await invoke('event.list', { limit: 1_000 })).filter((e) => e.topic === 'forum.sla_breached')
    expect(breaches.map((e) => (e.payload as { priority: string }).priority)).toEqual(['high', 'urgent'])
    await invoke('forum.answer', { threadId: th.id, text: 'done' })
    expect(await engine.escalateDue(new Date(Date.now() + 500 * 60_000))).toBe(0)
    expect((await invoke('forum.stats', {})).overdue).toBe(0)
  })
})
