import { z } from 'zod'
import type { ForumPost, ForumStats, ForumThread, ForumThreadView } from '../domain'
import { forumPostMaxChars, forumPriorities, forumThreadKinds, forumThreadStates } from '../domain'
import { command, topic } from './kit'
import { id, text } from './schemas'

const threadRef = { threadId: id }
const postText = text('text', forumPostMaxChars)
const who = text('author', 100)

/** Who did what, and why: every forum event carries it so a thread's history can be traced end to end. */
export interface ForumEventMeta {
  /** The command that produced the event. */
  commandId: string
  /** Shared by every event of one conversation (the run when there is one, else the thread). */
  correlationId: string
  /** The event this one answers or reacts to, if any. */
  causationId: string | null
  actor: string
}

export const forumCommands = {
  /** Open a thread (question, blocker, decision or note) tied to an issue and/or a run. */
  'forum.ask': command<ForumThread>()(
    z.strictObject({
      kind: z.enum(forumThreadKinds).default('question'),
      title: text('title', 300),
      body: postText,
      issueId: id.optional(),
      runId: id.optional(),
      priority: z.enum(forumPriorities).default('medium'),
      assignee: who.optional(),
      options: z.array(text('an option', 500)).max(10, 'at most 10 options').default([]),
      author: who.default('operator')
    })
  ),
  /**
   * Answer a thread: records the post, adds the Q&A to a new ContextPacket version of its issue, and
   * resumes the run it paused (the answer becomes the agent's tool result).
   */
  'forum.answer': command<ForumThreadView>()(z.strictObject({ ...threadRef, text: postText, author: who.default('operator') })),
  /** Add a post that is not an answer (a follow-up, a clarification request). */
  'forum.post': command<ForumThreadView>()(z.strictObject({ ...threadRef, text: postText, author: who.default('operator') })),
  /** Assign a thread to someone, or clear the assignee with null. */
  'forum.assign': command<ForumThread>()(z.strictObject({ ...threadRef, assignee: who.nullable() })),
  /** Move a thread to another state (a closed thread can only be reopened). */
  'forum.state': command<ForumThread>()(z.strictObject({ ...threadRef, state: z.enum(forumThreadStates) })),
  /** Change a thread's priority. */
  'forum.priority': command<ForumThread>()(z.strictObject({ ...threadRef, priority: z.enum(forumPriorities) })),
  /** Close a thread; a run it paused resumes with the reason as its answer. */
  'forum.close': command<ForumThread>()(z.strictObject({ ...threadRef, reason: text('reason', 2_000).optional() })),
  /** The operator opened the thread: its posts are no longer unseen. */
  'forum.seen': command<ForumThread>()(z.strictObject(threadRef)),
  /** Threads, newest activity first, optionally filtered. */
  'forum.list': command<ForumThread[]>()(
    z.strictObject({
      state: z.enum(forumThreadStates).optional(),
      kind: z.enum(forumThreadKinds).optional(),
      issueId: id.optional(),
      runId: id.optional(),
      assignee: who.optional(),
      limit: z.number().int().min(1).max(10_000).default(500)
    })
  ),
  /**
   * Threads not closed: the ones waiting for the operator first, then by priority and age (oldest first).
   * `openOnly` leaves out answered threads too (what `forum list --inbox` shows).
   */
  'forum.inbox': command<ForumThread[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(5_000).default(200), openOnly: z.boolean().default(false) })
  ),
  /** One thread with its posts, oldest first. */
  'forum.thread': command<ForumThreadView>()(z.strictObject(threadRef)),
  /** Counts for badges: open questions, unseen, overdue, by state. */
  'forum.stats': command<ForumStats>()(z.strictObject({}))
}

export const forumTopics = {
  /** A thread was opened with its first post. */
  'forum.thread_opened': topic<{ thread: Omit<ForumThread, 'postCount' | 'lastPostAt' | 'unseen' | 'answeredAt' | 'closedAt' | 'escalations' | 'updatedAt'>; post: ForumPost; meta: ForumEventMeta }>(),
  /** A post was added; `post.isAnswer` marks an answer. */
  'forum.post_added': topic<{ post: ForumPost; meta: ForumEventMeta }>(),
  /** A thread was (un)assigned. */
  'forum.assigned': topic<{ threadId: string; assignee: string | null; meta: ForumEventMeta }>(),
  /** A thread's priority changed by hand. */
  'forum.priority_changed': topic<{ threadId: string; priority: ForumThread['priority']; meta: ForumEventMeta }>(),
  /** A thread moved to another state; `reason` when closed with one. */
  'forum.state_changed': topic<{ threadId: string; state: ForumThread['state']; reason?: string; meta: ForumEventMeta }>(),
  /** A thread stayed unanswered past its SLA: its priority was bumped (the UI raises a notification). */
  'forum.sla_breached': topic<{ threadId: string; title: string; priority: ForumThread['priority']; escalations: number; nextDueAt: string | null; meta: ForumEventMeta }>(),
  /** The operator opened the thread. */
  'forum.seen': topic<{ threadId: string; meta: ForumEventMeta }>()
}
