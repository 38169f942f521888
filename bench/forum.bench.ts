import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { createCore } from '../src/main/core/core'
import { emitForum, forumMeta } from '../src/main/core/forum/forum-writer'
import { rebuildForumProjections } from '../src/main/core/forum/forum-projection'
import { newId, now } from '../src/main/core/ids'
import type { ForumPriority } from '../src/shared/domain'
import { type BenchResult, runIfMain } from './bench-result'

const THREADS = 1_000
const POSTS = 10
const ITERATIONS = 60
const TARGET_MS = 20
const priorities: ForumPriority[] = ['low', 'medium', 'high', 'urgent']

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
const round = (x: number): number => Math.round(x * 100) / 100

/** The inbox (open questions first, by priority and age) over 1,000 threads x 10 posts, against a bare indexed SELECT. */
export default async function runBench(): Promise<BenchResult[]> {
  const home = realpathSync(mkdtempSync(join(tmpdir(), 'fd-bench-forum-')))
  const core = await createCore({ home })
  try {
    const store = core.services.store
    const fill = performance.now()
    for (let i = 0; i < THREADS; i++) {
      await store.write(async (tx) => {
        const id = newId()
        const ts = now()
        const agent = i % 3 !== 0
        const thread = { id, kind: agent ? ('question' as const) : ('note' as const), title: `Thread ${i}`, state: agent ? ('waiting_operator' as const) : ('open' as const), priority: priorities[i % 4] as ForumPriority, assignee: null, issueId: null, runId: null, blocking: agent, options: [], author: 'bench', authorRole: agent ? ('agent' as const) : ('operator' as const), channel: 'operator' as const, slaDueAt: null, slaMinutes: 30, createdAt: ts }
        await emitForum(tx, 'forum.thread_opened', id, { thread, post: { id: newId(), threadId: id, author: 'bench', authorRole: thread.authorRole, body: `question ${i}`, isAnswer: false, createdAt: ts }, meta: forumMeta('bench', id, null) })
        for (let p = 1; p < POSTS; p++) {
          const isAnswer = p === POSTS - 1 && i % 4 === 0
          await emitForum(tx, 'forum.post_added', id, { post: { id: newId(), threadId: id, author: p % 2 ? 'operator' : 'bench', authorRole: p % 2 ? 'operator' : 'agent', body: `post ${p} of thread ${i} `.repeat(8), isAnswer, createdAt: now() }, meta: forumMeta('bench', id, null) })
        }
        if (i % 10 === 0) await emitForum(tx, 'forum.state_changed', id, { threadId: id, state: 'closed', meta: forumMeta('bench', id, null) })
      })
    }
    const fillMs = performance.now() - fill

    const raw = new SqliteDatabase(join(home, 'flightdeck.db'), { readonly: true })
    const rawInbox = raw.prepare('SELECT * FROM forum_threads WHERE inbox_bucket < 3 ORDER BY inbox_bucket, priority_rank, created_at, id LIMIT 200')
    const viaCore: number[] = []
    const baseline: number[] = []
    for (let i = -5; i < ITERATIONS; i++) {
      let t = performance.now()
      const threads = await core.client.invoke('forum.inbox', { limit: 200 })
      if (i >= 0) viaCore.push(performance.now() - t)
      if (threads.length !== 200) throw new Error(`inbox returned ${threads.length} threads`)
      t = performance.now()
      rawInbox.all()
      if (i >= 0) baseline.push(performance.now() - t)
    }
    raw.close()
    const rebuild = performance.now()
    const events = await store.write(async (tx) => rebuildForumProjections(tx.db))
    const rebuildMs = performance.now() - rebuild

    const fd = median(viaCore)
    const base = median(baseline)
    return [
      { name: 'forum.inbox.raw-select', value: round(base), unit: 'ms' },
      { name: 'forum.inbox.flightdeck', value: round(fd), unit: 'ms', baseline: round(base), ratio: round(base / fd), target: `< ${TARGET_MS} ms`, pass: fd < TARGET_MS },
      { name: 'forum.fill.1000x10', value: round(fillMs), unit: 'ms' },
      { name: `forum.rebuild.${events}-events`, value: round(rebuildMs), unit: 'ms' }
    ]
  } finally {
    await core.close()
    rmSync(home, { recursive: true, force: true })
  }
}

runIfMain(import.meta.url, runBench)
