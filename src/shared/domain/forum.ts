export const forumThreadKinds = ['question', 'blocker', 'decision', 'note'] as const
export type ForumThreadKind = (typeof forumThreadKinds)[number]

/** open -> answered -> closed; waiting_operator / waiting_agent say whose turn it is. */
export const forumThreadStates = ['open', 'waiting_operator', 'waiting_agent', 'answered', 'closed'] as const
export type ForumThreadState = (typeof forumThreadStates)[number]

export const forumPriorities = ['low', 'medium', 'high', 'urgent'] as const
export type ForumPriority = (typeof forumPriorities)[number]

export const forumAuthorRoles = ['operator', 'agent', 'system'] as const
export type ForumAuthorRole = (typeof forumAuthorRoles)[number]

/** How a thread reached Flightdeck: the UI or CLI, an agent's MCP tool, or a signal file in its worktree. */
export const forumChannels = ['operator', 'mcp', 'file'] as const
export type ForumChannel = (typeof forumChannels)[number]

/** Posts are at most this long, whoever writes them. */
export const forumPostMaxChars = 20_000

/** A conversation tied to an issue and/or a run: a question, a blocker, a decision or a note. */
export interface ForumThread {
  id: string
  kind: ForumThreadKind
  title: string
  state: ForumThreadState
  priority: ForumPriority
  assignee: string | null
  issueId: string | null
  runId: string | null
  /** An agent is paused until this thread is answered or closed. */
  blocking: boolean
  /** Choices the asker offered, if any. */
  options: string[]
  author: string
  authorRole: ForumAuthorRole
  channel: ForumChannel
  postCount: number
  lastPostAt: string
  /** A post from an agent or the system that the operator has not opened yet. */
  unseen: boolean
  answeredAt: string | null
  closedAt: string | null
  /** When the thread escalates if still unanswered; null when no SLA applies. */
  slaDueAt: string | null
  slaMinutes: number | null
  /** How many times the SLA bumped its priority. */
  escalations: number
  createdAt: string
  updatedAt: string
}

/** One message in a thread. */
export interface ForumPost {
  id: string
  threadId: string
  author: string
  authorRole: ForumAuthorRole
  body: string
  /** This post answered the thread's question. */
  isAnswer: boolean
  createdAt: string
}

export interface ForumThreadView {
  thread: ForumThread
  posts: ForumPost[]
}

/** Counts for badges and the status bar. */
export interface ForumStats {
  total: number
  byState: Record<ForumThreadState, number>
  /** Questions and blockers waiting for the operator: the blocked-work badge. */
  openQuestions: number
  /** Threads that paused a run and are not answered yet. */
  blockingRuns: number
  unseen: number
  /** Unanswered past their SLA at least once. */
  overdue: number
}

/** What makes a thread need the operator now: the inbox puts these first. */
export function needsOperator(t: Pick<ForumThread, 'kind' | 'state'>): boolean {
  return t.state === 'waiting_operator' || (t.state === 'open' && (t.kind === 'question' || t.kind === 'blocker'))
}
