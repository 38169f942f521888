import type { ParsedInput } from '../../../shared/contract'
import type { ForumStats, ForumThread, ForumThreadView } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { findIssue } from '../issues/issue.repository'
import type { IssueService } from '../issues/issue.service'
import { newId, now } from '../ids'
import { loadPolicy } from '../policy/load-policy'
import { findRepo } from '../repos/repo.repository'
import { findRun } from '../runs/run.repository'
import type { Store, WriteTx } from '../store'
import { findThreadRow, inbox, listPosts, listThreads, toThread } from './forum.repository'
import { forumStats } from './forum-stats'
import { emitForum, forumMeta } from './forum-writer'
import { deliverAnswer } from './run-coordination'
import { respondByFile } from './signal-response'
import { closedReply } from './wait-for-answer'

/** The forum commands of the contract: every change is a `forum.*` event folded into the projections. */
export class ForumService {
  constructor(
    private readonly store: Store,
    private readonly issues: IssueService
  ) {}

  async ask(input: ParsedInput<'forum.ask'>): Promise<ForumThread> {
    const { issueId, runId } = await this.links(input.issueId, input.runId)
    const slaMinutes = issueId ? await this.slaMinutesFor(issueId) : null
    return this.store.write(async (tx) => {
      const id = newId()
      const ts = now()
      const meta = forumMeta(input.author, runId ?? id, null)
      const thread = {
        id, kind: input.kind, title: input.title, state: 'open' as const, priority: input.priority, assignee: input.assignee ?? null,
        issueId, runId, blocking: false, options: input.options, author: input.author, authorRole: 'operator' as const,
        channel: 'operator' as const, slaDueAt: null, slaMinutes, createdAt: ts
      }
      const post = { id: newId(), threadId: id, author: input.author, authorRole: 'operator' as const, body: input.body, isAnswer: false, createdAt: ts }
      await emitForum(tx, 'forum.thread_opened', id, { thread, post, meta })
      return this.threadIn(tx, id)
    })
  }

  /** Records the answer, updates the briefing and resumes the paused run, all in one transaction. */
  async answer(input: ParsedInput<'forum.answer'>): Promise<ForumThreadView> {
    const question = await this.store.write(async (tx) => {
      const thread = await this.openThread(tx, input.threadId)
      await this.addPost(tx, thread, input.author, input.text, true)
      const asked = await this.questionOf(tx, thread)
      await deliverAnswer(tx, this.issues, thread, asked, input.text)
      return asked
    })
    const view = await this.thread(input.threadId)
    await respondByFile(this.store.db, view.thread, question, input.text)
    return view
  }

  async post(input: ParsedInput<'forum.post'>): Promise<ForumThreadView> {
    await this.store.write(async (tx) => this.addPost(tx, await this.openThread(tx, input.threadId), input.author, input.text, false))
    return this.thread(input.threadId)
  }

  assign(input: ParsedInput<'forum.assign'>): Promise<ForumThread> {
    return this.change(input.threadId, async (tx, t) => {
      if (t.assignee !== input.assignee) await emitForum(tx, 'forum.assigned', t.id, { threadId: t.id, assignee: input.assignee, meta: await this.meta(tx, t) })
    })
  }

  priority(input: ParsedInput<'forum.priority'>): Promise<ForumThread> {
    return this.change(input.threadId, async (tx, t) => {
      if (t.priority !== input.priority) await emitForum(tx, 'forum.priority_changed', t.id, { threadId: t.id, priority: input.priority, meta: await this.meta(tx, t) })
    })
  }

  state(input: ParsedInput<'forum.state'>): Promise<ForumThread> {
    return this.change(input.threadId, async (tx, t) => {
      if (t.state === input.state) return
      if (t.state === 'closed' && input.state !== 'open') {
        throw new ApiError('transition_refused', `thread ${t.id} is closed; reopen it (state open) before moving it to ${input.state}`, 'state')
      }
      if (input.state === 'closed') return this.closeIn(tx, t)
      await emitForum(tx, 'forum.state_changed', t.id, { threadId: t.id, state: input.state, meta: await this.meta(tx, t) })
    })
  }

  async close(input: ParsedInput<'forum.close'>): Promise<ForumThread> {
    let before: ForumThread | undefined
    const closed = await this.change(input.threadId, async (tx, t) => {
      if (t.state === 'closed') throw new ApiError('refused', `thread ${t.id} is already closed`, 'threadId')
      before = t
      await this.closeIn(tx, t, input.reason)
    })
    if (before && before.state !== 'answered') await respondByFile(this.store.db, closed, closed.title, closedReply(input.reason))
    return closed
  }

  seen(input: ParsedInput<'forum.seen'>): Promise<ForumThread> {
    return this.change(input.threadId, async (tx, t) => {
      if (t.unseen) await emitForum(tx, 'forum.seen', t.id, { threadId: t.id, meta: await this.meta(tx, t) })
    })
  }

  list(input: ParsedInput<'forum.list'>): Promise<ForumThread[]> {
    return listThreads(this.store.db, input)
  }

  inbox(limit: number, openOnly = false): Promise<ForumThread[]> {
    return inbox(this.store.db, limit, openOnly)
  }

  async thread(threadId: string): Promise<ForumThreadView> {
    const row = await findThreadRow(this.store.db, threadId)
    if (!row) throw new ApiError('not_found', `no forum thread with id ${threadId}`, 'threadId')
    return { thread: toThread(row), posts: await listPosts(this.store.db, threadId) }
  }

  stats(): Promise<ForumStats> {
    return forumStats(this.store.db)
  }

  private async closeIn(tx: WriteTx, t: ForumThread, reason?: string): Promise<void> {
    await emitForum(tx, 'forum.state_changed', t.id, { threadId: t.id, state: 'closed', ...(reason ? { reason } : {}), meta: await this.meta(tx, t) })
    if (t.state !== 'answered') await deliverAnswer(tx, this.issues, t, await this.questionOf(tx, t), closedReply(reason))
  }

  private async addPost(tx: WriteTx, t: ForumThread, author: string, body: string, isAnswer: boolean): Promise<void> {
    const post = { id: newId(), threadId: t.id, author, authorRole: 'operator' as const, body, isAnswer, createdAt: now() }
    await emitForum(tx, 'forum.post_added', t.id, { post, meta: await this.meta(tx, t) })
  }

  private async change(threadId: string, work: (tx: WriteTx, t: ForumThread) => Promise<void>): Promise<ForumThread> {
    return this.store.write(async (tx) => {
      const row = await findThreadRow(tx.db, threadId)
      if (!row) throw new ApiError('not_found', `no forum thread with id ${threadId}`, 'threadId')
      await work(tx, toThread(row))
      return this.threadIn(tx, threadId)
    })
  }

  private async openThread(tx: WriteTx, threadId: string): Promise<ForumThread> {
    const row = await findThreadRow(tx.db, threadId)
    if (!row) throw new ApiError('not_found', `no forum thread with id ${threadId}`, 'threadId')
    if (row.state === 'closed') throw new ApiError('refused', `thread ${threadId} is closed; reopen it before posting`, 'threadId')
    return toThread(row)
  }

  private async threadIn(tx: WriteTx, id: string): Promise<ForumThread> {
    return toThread((await findThreadRow(tx.db, id))!)
  }

  private async meta(tx: WriteTx, t: ForumThread) {
    const row = await findThreadRow(tx.db, t.id)
    return forumMeta('operator', row?.correlation_id ?? t.id, row?.last_event_id ?? null)
  }

  /** The question a thread asks: its first post, titled. */
  /** The question as asked: title and first post, once. An agent's title is its post's first line (maybe cut with …). */
  private async questionOf(tx: WriteTx, t: ForumThread): Promise<string> {
    const first = (await listPosts(tx.db, t.id))[0]?.body ?? ''
    if (!first) return t.title
    return first.startsWith(t.title.replace(/…$/, '')) ? first : `${t.title}\n\n${first}`
  }

  private async links(issueId?: string, runId?: string): Promise<{ issueId: string | null; runId: string | null }> {
    if (runId) {
      const run = await findRun(this.store.db, runId)
      if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
      if (issueId && issueId !== run.issueId) throw new ApiError('invalid_input', `run ${runId} belongs to issue ${run.issueId}, not ${issueId}`, 'issueId')
      return { issueId: run.issueId, runId }
    }
    if (issueId && !(await findIssue(this.store.db, issueId))) throw new ApiError('not_found', `no issue with id ${issueId}`, 'issueId')
    return { issueId: issueId ?? null, runId: null }
  }

  private async slaMinutesFor(issueId: string): Promise<number | null> {
    const issue = await findIssue(this.store.db, issueId)
    const repo = issue ? await findRepo(this.store.db, issue.repoId) : undefined
    if (!repo) return null
    const minutes = (await loadPolicy(repo.path).catch(() => undefined))?.policy.forum.slaMinutes
    return minutes ? minutes : null
  }
}
