import { CircleDot, MessageCircleQuestion } from 'lucide-react'
import type { ForumThread } from '../../../../shared/domain'
import { needsOperator } from '../../../../shared/domain'
import { useApp } from '../../app/context'
import { age, priorityStyle, stateLabel } from './forum-style'

function InboxItem({ thread, active, onOpen }: { thread: ForumThread; active: boolean; onOpen(): void }) {
  const urgent = needsOperator(thread)
  return (
    <li>
      <button
        type="button"
        data-testid="inbox-item"
        data-thread={thread.id}
        aria-current={active ? 'true' : undefined}
        onClick={onOpen}
        className={`flex w-full flex-col gap-1 border-b border-line px-3 py-2.5 text-left transition-colors ${active ? 'bg-accent/10' : 'hover:bg-raised'}`}
      >
        <span className="flex items-center gap-1.5 text-[11px] text-muted">
          {thread.unseen && <CircleDot size={10} className="text-accent" aria-label="unseen" />}
          <span className={`rounded px-1.5 py-px font-medium ${priorityStyle[thread.priority]}`}>{thread.priority}</span>
          <span>{thread.kind}</span>
          {thread.escalations > 0 && <span className="text-danger">overdue</span>}
          <span className="ml-auto tabular-nums">{age(thread.createdAt)}</span>
        </span>
        <span className={`line-clamp-2 text-[13px] ${urgent ? 'font-semibold text-fg' : 'text-fg/80'}`}>{thread.title}</span>
        <span className="text-[11px] text-muted">
          {stateLabel[thread.state]} · {thread.author}
          {thread.assignee ? ` · for ${thread.assignee}` : ''}
        </span>
      </button>
    </li>
  )
}

/** Open threads: those waiting for the operator first, then by priority, then the oldest. */
export function ForumInbox() {
  const inbox = useApp((s) => s.forumInbox)
  const openThreadId = useApp((s) => s.openThreadId)
  const openThread = useApp((s) => s.openThread)
  const error = useApp((s) => s.forumError)
  return (
    <aside className="flex h-full w-80 shrink-0 flex-col border-r border-line bg-panel">
      <h2 className="flex h-10 shrink-0 items-center gap-2 border-b border-line px-3 text-[13px] font-semibold">
        <MessageCircleQuestion size={15} className="text-accent" /> Inbox
        <span className="ml-auto text-[11px] font-normal text-muted">{inbox.length} not closed</span>
      </h2>
      {error && <p className="p-3 text-xs text-danger">{error}</p>}
      {inbox.length === 0 && !error ? (
        <p className="p-4 text-[13px] text-muted">No open threads. Questions agents ask show up here.</p>
      ) : (
        <ul data-testid="forum-inbox" className="min-h-0 flex-1 overflow-y-auto">
          {inbox.map((t) => (
            <InboxItem key={t.id} thread={t} active={t.id === openThreadId} onOpen={() => openThread(t.id)} />
          ))}
        </ul>
      )}
    </aside>
  )
}
