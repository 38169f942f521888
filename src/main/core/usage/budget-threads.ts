import type { Run } from '../../../shared/domain'
import { emitForum, forumMeta } from '../forum/forum-writer'
import { newId, now } from '../ids'
import type { WriteTx } from '../store'

const author = 'flightdeck:budgets'

/**
 * Opens an inbox thread about a run's budget. The hard-limit one is a blocking decision waiting for the
 * operator (it holds the close gate until it is answered); the soft one is a note. Neither goes into the
 * agent's briefing: the agent is not asked to decide its own budget.
 */
export async function openBudgetThread(tx: WriteTx, run: Run, level: 'soft' | 'hard', title: string, body: string): Promise<string> {
  const id = newId()
  const ts = now()
  const thread = {
    id, kind: level === 'hard' ? ('decision' as const) : ('note' as const), title, state: level === 'hard' ? ('waiting_operator' as const) : ('open' as const),
    priority: level === 'hard' ? ('high' as const) : ('medium' as const), assignee: null, issueId: run.issueId, runId: run.id,
    blocking: level === 'hard', options: level === 'hard' ? ['raise the budget', 'stop the run'] : [], author, authorRole: 'operator' as const,
    channel: 'operator' as const, slaDueAt: null, slaMinutes: null, createdAt: ts
  }
  const post = { id: newId(), threadId: id, author, authorRole: 'operator' as const, body, isAnswer: false, createdAt: ts }
  await emitForum(tx, 'forum.thread_opened', id, { thread, post, meta: forumMeta(author, run.id, null) })
  return id
}

/** Answers the run's open hard-limit threads once the budget was raised. */
export async function answerBudgetThreads(tx: WriteTx, runId: string, text: string): Promise<string[]> {
  const open = await tx.db
    .selectFrom('budget_alerts')
    .innerJoin('forum_threads', 'forum_threads.id', 'budget_alerts.thread_id')
    .select(['forum_threads.id', 'forum_threads.correlation_id', 'forum_threads.last_event_id'])
    .where('budget_alerts.run_id', '=', runId)
    .where('budget_alerts.level', '=', 'hard')
    .where('forum_threads.state', 'not in', ['answered', 'closed'])
    .execute()
  for (const t of open) {
    const post = { id: newId(), threadId: t.id, author: 'operator', authorRole: 'operator' as const, body: text, isAnswer: true, createdAt: now() }
    await emitForum(tx, 'forum.post_added', t.id, { post, meta: forumMeta('operator', t.correlation_id, t.last_event_id) })
  }
  return open.map((t) => t.id)
}
