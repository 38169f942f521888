import { MessagesSquare, SquareTerminal } from 'lucide-react'
import { useEffect } from 'react'
import type { ForumPost, ForumThread } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { TerminalPane } from '../run/TerminalPane'
import { useQuery } from '../use-query'
import { AnswerForm } from './AnswerForm'
import { ForumInbox } from './ForumInbox'
import { ThreadHeader } from './ThreadHeader'

function Post({ post }: { post: ForumPost }) {
  const mine = post.authorRole === 'operator'
  return (
    <li data-testid="forum-post" data-role={post.authorRole} className={`max-w-[85%] rounded-lg border px-3 py-2 ${mine ? 'self-end border-accent/30 bg-accent/8' : 'self-start border-line bg-panel'}`}>
      <div className="mb-1 flex gap-2 text-[11px] text-muted">
        <span className="font-medium text-fg">{post.author}</span>
        <span>{new Date(post.createdAt).toLocaleTimeString()}</span>
        {post.isAnswer && <span className="font-medium text-ok">answer</span>}
      </div>
      <p className="text-[13px] whitespace-pre-wrap">{post.body}</p>
    </li>
  )
}

/** One thread: its posts and the answer form; beside it the live terminal of the run it paused. */
function ThreadPanel({ threadId }: { threadId: string }) {
  const client = useClient()
  const version = useApp((s) => s.forumVersion)
  const view = useQuery(() => client.invoke('forum.thread', { threadId }), [client, threadId, version])
  const thread: ForumThread | undefined = view.data?.thread
  const run = useApp((s) => (thread?.runId ? s.runs[thread.runId] : undefined))
  useEffect(() => {
    if (thread?.unseen) void client.invoke('forum.seen', { threadId }).catch(() => undefined)
  }, [client, threadId, thread?.unseen])
  if (!thread) return <div className="p-6 text-[13px] text-muted">{view.error ?? 'Loading the thread…'}</div>
  return (
    <div className="flex min-w-0 flex-1">
      <section data-testid="forum-thread" className="flex min-w-0 flex-1 flex-col">
        <ThreadHeader thread={thread} />
        <ul className="flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto px-4 py-3">
          {view.data?.posts.map((p) => <Post key={p.id} post={p} />)}
        </ul>
        <AnswerForm thread={thread} run={run} />
      </section>
      {run && (
        <aside data-testid="thread-terminal" className="flex w-[46%] shrink-0 flex-col border-l border-line">
          {run.sessionId ? (
            <TerminalPane key={run.sessionId} run={run} sessionId={run.sessionId} visible />
          ) : (
            <EmptyState icon={SquareTerminal} title="No terminal yet">The run is {run.state}.</EmptyState>
          )}
        </aside>
      )}
    </div>
  )
}

/** The forum: inbox on the left, the open thread (and its run's terminal) on the right. */
export function ForumView() {
  const openThreadId = useApp((s) => s.openThreadId)
  const first = useApp((s) => s.forumInbox[0]?.id)
  const openThread = useApp((s) => s.openThread)
  const refreshForum = useApp((s) => s.refreshForum)
  useEffect(() => void refreshForum(), [refreshForum])
  useEffect(() => {
    if (!openThreadId && first) openThread(first, true)
  }, [openThreadId, first, openThread])
  return (
    <div data-testid="forum-view" className="flex h-full">
      <ForumInbox />
      {openThreadId ? (
        <ThreadPanel key={openThreadId} threadId={openThreadId} />
      ) : (
        <div className="flex-1">
          <EmptyState icon={MessagesSquare} title="No thread open">Pick a thread in the inbox.</EmptyState>
        </div>
      )}
    </div>
  )
}

/** The open-question count for bars: questions and blockers waiting for the operator. */
export function OpenQuestionsBadge() {
  const count = useApp((s) => s.forumStats?.openQuestions ?? 0)
  const overdue = useApp((s) => s.forumStats?.overdue ?? 0)
  const showView = useApp((s) => s.showView)
  return (
    <button
      type="button"
      data-testid="open-questions"
      data-count={count}
      onClick={() => showView('inbox')}
      className={`flex items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium ${count ? 'bg-warn/15 text-warn' : 'text-muted hover:bg-raised'}`}
      title={overdue ? `${overdue} past their SLA` : 'Open questions'}
    >
      <MessagesSquare size={14} />
      {count} open {count === 1 ? 'question' : 'questions'}
      {overdue > 0 && <span className="rounded bg-danger px-1 text-[10px] text-white">{overdue} overdue</span>}
    </button>
  )
}
