import { ApiError } from '../../../shared/errors'
import type { Store } from '../store'
import { findThreadRow, listPosts } from './forum.repository'

/** What a waiting agent is told when its question is closed unanswered. */
export const closedReply = (reason?: string) => `The operator closed this question without answering${reason ? `: ${reason}` : '.'}`

export interface WaitOptions {
  signal?: AbortSignal
  /** Called every `tickMs` while still waiting (MCP progress notifications keep the call visibly alive). */
  onWaiting?(waitedMs: number): void
  tickMs?: number
}

/**
 * Resolves with the answer once the thread is answered, or with the operator's reason once it is closed.
 * Reads only the shared database: the event feed (which also sees commits of other processes) wakes it,
 * and a slow timer covers a feed that is not running. No timeout: a question may wait for hours.
 */
export function waitForAnswer(store: Store, threadId: string, options: WaitOptions = {}): Promise<string> {
  const started = Date.now()
  return new Promise<string>((resolve, reject) => {
    let checking = false
    let again = false
    const cleanup = () => {
      off()
      clearInterval(timer)
      clearInterval(ticker)
      options.signal?.removeEventListener('abort', abort)
    }
    const check = async () => {
      if (checking) return void (again = true)
      checking = true
      try {
        const reply = await replyOf(store, threadId)
        if (reply !== undefined) {
          cleanup()
          resolve(reply)
        }
      } catch (error) {
        cleanup()
        reject(error)
      } finally {
        checking = false
        if (again) (again = false), void check()
      }
    }
    const abort = () => (cleanup(), reject(new ApiError('unavailable', 'the wait for an answer was cancelled')))
    const off = store.feed.subscribe((event) => {
      if (event.entity === threadId) void check()
    })
    const timer = setInterval(() => void check(), 2_000)
    const ticker = setInterval(() => options.onWaiting?.(Date.now() - started), options.tickMs ?? 30_000)
    options.signal?.addEventListener('abort', abort)
    void check()
  })
}

async function replyOf(store: Store, threadId: string): Promise<string | undefined> {
  const row = await findThreadRow(store.db, threadId)
  if (!row) throw new ApiError('not_found', `no forum thread with id ${threadId}`)
  if (row.state !== 'answered' && row.state !== 'closed') return undefined
  const answer = (await listPosts(store.db, threadId)).findLast((p) => p.isAnswer)
  if (answer) return answer.body
  if (row.state === 'closed') {
    const closing = await store.db
      .selectFrom('events')
      .select('payload')
      .where('entity', '=', threadId)
      .where('topic', '=', 'forum.state_changed')
      .orderBy('seq', 'desc')
      .executeTakeFirst()
    const reason = closing ? (JSON.parse(closing.payload) as { reason?: string }).reason : undefined
    return closedReply(reason)
  }
  return undefined
}
