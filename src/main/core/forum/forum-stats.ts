import type { ForumStats, ForumThread, ForumThreadState } from '../../../shared/domain'
import { forumThreadStates, needsOperator } from '../../../shared/domain'
import type { Db } from '../db/database'

/** Counts for badges, from one grouped scan of the thread projection. */
export async function forumStats(db: Db): Promise<ForumStats> {
  const rows = await db
    .selectFrom('forum_threads')
    .select((eb) => ['kind', 'state', 'blocking', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('unseen').as('unseen'), eb.fn.sum<number>(eb.case().when('escalations', '>', 0).then(1).else(0).end()).as('overdue')])
    .groupBy(['kind', 'state', 'blocking'])
    .execute()
  const byState = Object.fromEntries(forumThreadStates.map((s) => [s, 0])) as Record<ForumThreadState, number>
  const stats: ForumStats = { total: 0, byState, openQuestions: 0, blockingRuns: 0, unseen: 0, overdue: 0 }
  for (const r of rows) {
    const n = Number(r.n)
    const open = r.state !== 'closed' && r.state !== 'answered'
    stats.total += n
    byState[r.state as ForumThreadState] += n
    if (needsOperator({ kind: r.kind as ForumThread['kind'], state: r.state as ForumThreadState })) stats.openQuestions += n
    if (open && r.blocking === 1) stats.blockingRuns += n
    stats.unseen += Number(r.unseen ?? 0)
    if (open) stats.overdue += Number(r.overdue ?? 0)
  }
  return stats
}
