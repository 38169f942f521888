import type { ForumAuthorRole, ForumChannel, ForumPost, ForumPriority, ForumThread, ForumThreadKind, ForumThreadState } from '../../../shared/domain'
import { needsOperator } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { ForumPostRow, ForumThreadRow } from '../db/tables/forum.table'

export const priorityRank: Record<ForumPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 }

/** The inbox's first sort key: what needs the operator, then other open threads, answered, closed. */
export function inboxBucket(kind: string, state: string): number {
  if (state === 'closed') return 3
  if (state === 'answered') return 2
  return needsOperator({ kind: kind as ForumThreadKind, state: state as ForumThreadState }) ? 0 : 1
}

export function toThread(row: ForumThreadRow): ForumThread {
  return {
    id: row.id,
    kind: row.kind as ForumThreadKind,
    title: row.title,
    state: row.state as ForumThreadState,
    priority: row.priority as ForumPriority,
    assignee: row.assignee,
    issueId: row.issue_id,
    runId: row.run_id,
    blocking: row.blocking === 1,
    options: JSON.parse(row.options) as string[],
    author: row.author,
    authorRole: row.author_role as ForumAuthorRole,
    channel: row.channel as ForumChannel,
    postCount: row.post_count,
    lastPostAt: row.last_post_at,
    unseen: row.unseen === 1,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    slaDueAt: row.sla_due_at,
    slaMinutes: row.sla_minutes,
    escalations: row.escalations,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export function toPost(row: ForumPostRow): ForumPost {
  return {
    id: row.id,
    threadId: row.thread_id,
    author: row.author,
    authorRole: row.author_role as ForumAuthorRole,
    body: row.body,
    isAnswer: row.is_answer === 1,
    createdAt: row.created_at
  }
}

export async function findThreadRow(db: Db, id: string): Promise<ForumThreadRow | undefined> {
  return db.selectFrom('forum_threads').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listPosts(db: Db, threadId: string): Promise<ForumPost[]> {
  const rows = await db.selectFrom('forum_posts').selectAll().where('thread_id', '=', threadId).orderBy('event_seq').execute()
  return rows.map(toPost)
}

export interface ThreadFilter {
  state?: ForumThreadState
  kind?: ForumThreadKind
  issueId?: string
  runId?: string
  assignee?: string
  limit: number
}

export async function listThreads(db: Db, f: ThreadFilter): Promise<ForumThread[]> {
  let q = db.selectFrom('forum_threads').selectAll()
  if (f.state) q = q.where('state', '=', f.state)
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.issueId) q = q.where('issue_id', '=', f.issueId)
  if (f.runId) q = q.where('run_id', '=', f.runId)
  if (f.assignee) q = q.where('assignee', '=', f.assignee)
  const rows = await q.orderBy('last_post_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
  return rows.map(toThread)
}

/** Not closed (nor answered, with `openOnly`); needing the operator first, then by priority, then oldest first (one index range scan). */
export async function inbox(db: Db, limit: number, openOnly = false): Promise<ForumThread[]> {
  const rows = await db
    .selectFrom('forum_threads')
    .selectAll()
    .where('inbox_bucket', '<', openOnly ? 2 : 3)
    .orderBy('inbox_bucket')
    .orderBy('priority_rank')
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map(toThread)
}

/** Blocking threads of a run still waiting for an answer. */
export async function openBlockingThreads(db: Db, runId: string): Promise<ForumThreadRow[]> {
  return db
    .selectFrom('forum_threads')
    .selectAll()
    .where('run_id', '=', runId)
    .where('blocking', '=', 1)
    .where('state', 'not in', ['answered', 'closed'])
    .execute()
}
