import type { EventEnvelope, Topic } from '../../../shared/contract'
import type { ForumThreadState } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { ForumThreadRow, ForumThreadUpdate } from '../db/tables/forum.table'
import { findThreadRow, inboxBucket, priorityRank } from './forum.repository'

export type ForumTopic = Extract<Topic, `forum.${string}`>
export const isForumTopic = (topic: string): topic is ForumTopic => topic.startsWith('forum.')

const addMinutes = (ts: string, minutes: number | null) => (minutes === null ? null : new Date(Date.parse(ts) + minutes * 60_000).toISOString())

/**
 * Folds one `forum.*` event into the projection tables. Pure in the event: every time and id comes from
 * the envelope or its payload, never from the clock, so replaying the log rebuilds the same rows.
 */
export async function applyForumEvent(db: Db, event: EventEnvelope): Promise<void> {
  if (event.topic === 'forum.thread_opened') {
    const { thread: t, post } = event.payload as EventEnvelope<'forum.thread_opened'>['payload']
    await db
      .insertInto('forum_threads')
      .values({
        id: t.id, kind: t.kind, title: t.title, state: t.state, priority: t.priority, priority_rank: priorityRank[t.priority],
        inbox_bucket: inboxBucket(t.kind, t.state), assignee: t.assignee, issue_id: t.issueId, run_id: t.runId,
        blocking: t.blocking ? 1 : 0, options: JSON.stringify(t.options), author: t.author, author_role: t.authorRole,
        channel: t.channel, correlation_id: (event.payload as EventEnvelope<'forum.thread_opened'>['payload']).meta.correlationId,
        last_event_id: event.id, post_count: 0, last_post_at: event.ts, unseen: 0, answered_at: null, closed_at: null,
        sla_due_at: t.slaDueAt, sla_minutes: t.slaMinutes, escalations: 0, created_at: t.createdAt, updated_at: event.ts
      })
      .execute()
    await addPost(db, event, post)
    return
  }
  const threadId = event.topic === 'forum.post_added' ? (event.payload as EventEnvelope<'forum.post_added'>['payload']).post.threadId : (event.payload as { threadId: string }).threadId
  const row = await findThreadRow(db, threadId)
  if (!row) throw new Error(`forum event ${event.id} refers to unknown thread ${threadId}`)
  switch (event.topic) {
    case 'forum.post_added':
      return addPost(db, event, (event.payload as EventEnvelope<'forum.post_added'>['payload']).post, row)
    case 'forum.assigned':
      return update(db, event, row, { assignee: (event.payload as EventEnvelope<'forum.assigned'>['payload']).assignee })
    case 'forum.priority_changed': {
      const { priority } = event.payload as EventEnvelope<'forum.priority_changed'>['payload']
      return update(db, event, row, { priority, priority_rank: priorityRank[priority] })
    }
    case 'forum.state_changed':
      return update(db, event, row, stateChange(row, (event.payload as EventEnvelope<'forum.state_changed'>['payload']).state, event.ts))
    case 'forum.sla_breached': {
      const p = event.payload as EventEnvelope<'forum.sla_breached'>['payload']
      return update(db, event, row, { priority: p.priority, priority_rank: priorityRank[p.priority], escalations: p.escalations, sla_due_at: p.nextDueAt })
    }
    case 'forum.seen':
      return update(db, event, row, { unseen: 0 })
  }
}

function stateChange(row: ForumThreadRow, state: ForumThreadState, ts: string): ForumThreadUpdate {
  const change: ForumThreadUpdate = { state }
  if (state === 'closed') Object.assign(change, { closed_at: ts, sla_due_at: null })
  else change.closed_at = null
  if (state === 'answered') Object.assign(change, { answered_at: row.answered_at ?? ts, sla_due_at: null })
  if (state === 'waiting_operator' && row.sla_due_at === null) change.sla_due_at = addMinutes(ts, row.sla_minutes)
  return change
}

async function addPost(db: Db, event: EventEnvelope, post: EventEnvelope<'forum.post_added'>['payload']['post'], row?: ForumThreadRow): Promise<void> {
  await db
    .insertInto('forum_posts')
    .values({ id: post.id, thread_id: post.threadId, author: post.author, author_role: post.authorRole, body: post.body, is_answer: post.isAnswer ? 1 : 0, created_at: post.createdAt, event_seq: event.seq })
    .execute()
  if (!row) {
    // The opening post of a thread: counted, and unseen unless the operator wrote it.
    await db.updateTable('forum_threads').set({ post_count: 1, last_post_at: post.createdAt, unseen: post.authorRole === 'operator' ? 0 : 1 }).where('id', '=', post.threadId).execute()
    return
  }
  const next: ForumThreadState = post.isAnswer ? 'answered' : post.authorRole === 'operator' ? 'waiting_agent' : 'waiting_operator'
  await update(db, event, row, {
    ...stateChange(row, next, event.ts),
    post_count: row.post_count + 1,
    last_post_at: post.createdAt,
    unseen: post.authorRole === 'operator' ? 0 : 1
  })
}

async function update(db: Db, event: EventEnvelope, row: ForumThreadRow, change: ForumThreadUpdate): Promise<void> {
  const state = change.state ?? row.state
  await db
    .updateTable('forum_threads')
    .set({ ...change, inbox_bucket: inboxBucket(row.kind, state), last_event_id: event.id, updated_at: event.ts })
    .where('id', '=', row.id)
    .execute()
}

/** Drops the projections and replays every `forum.*` event in commit order; idempotent. */
export async function rebuildForumProjections(db: Db): Promise<number> {
  await db.deleteFrom('forum_posts').execute()
  await db.deleteFrom('forum_threads').execute()
  let after = 0
  let applied = 0
  for (;;) {
    const rows = await db.selectFrom('events').selectAll().where('topic', 'like', 'forum.%').where('seq', '>', after).orderBy('seq').limit(1_000).execute()
    for (const r of rows) {
      await applyForumEvent(db, { id: r.id, seq: r.seq, ts: r.ts, topic: r.topic as Topic, entity: r.entity, payload: JSON.parse(r.payload) } as EventEnvelope)
      after = r.seq
      applied++
    }
    if (rows.length < 1_000) return applied
  }
}
