import { useEffect, useState } from 'react'
import type { ForumThread } from '../../../../shared/domain'
import { forumPriorities } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { RunStateBadge } from '../RunStateBadge'
import { controlClass } from '../ui/Field'
import { age, stateLabel } from './forum-style'

/** Title, state, the run it paused, and the thread's priority and assignee (both editable). */
export function ThreadHeader({ thread }: { thread: ForumThread }) {
  const client = useClient()
  const run = useApp((s) => (thread.runId ? s.runs[thread.runId] : undefined))
  const issue = useApp((s) => (thread.issueId ? s.issues[thread.issueId] : undefined))
  const openRun = useApp((s) => s.openRun)
  const [assignee, setAssignee] = useState(thread.assignee ?? '')
  useEffect(() => setAssignee(thread.assignee ?? ''), [thread.assignee])
  const saveAssignee = () => {
    const next = assignee.trim() || null
    if (next !== thread.assignee) void client.invoke('forum.assign', { threadId: thread.id, assignee: next })
  }
  return (
    <header className="space-y-2 border-b border-line px-4 py-3">
      <h2 data-testid="thread-title" className="text-[15px] font-semibold">{thread.title}</h2>
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span data-testid="thread-state" data-state={thread.state} className="rounded bg-raised px-1.5 py-0.5 font-medium text-fg">{stateLabel[thread.state]}</span>
        <span>{thread.kind} from {thread.author}, {age(thread.createdAt)} ago</span>
        {thread.slaDueAt && thread.state !== 'answered' && <span>SLA {new Date(thread.slaDueAt).toLocaleTimeString()}</span>}
        {issue && <span>issue: {issue.title}</span>}
        {run && (
          <button type="button" className="flex items-center gap-1 hover:text-fg" onClick={() => openRun(run.id)}>
            run <RunStateBadge state={run.state} />
          </button>
        )}
      </div>
      <div className="flex items-center gap-2">
        <select aria-label="Priority" className={`${controlClass} h-7 py-0 text-xs`} value={thread.priority} onChange={(e) => void client.invoke('forum.priority', { threadId: thread.id, priority: e.target.value as ForumThread['priority'] })}>
          {forumPriorities.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
        <input aria-label="Assignee" placeholder="Assign to…" className={`${controlClass} h-7 w-44 py-0 text-xs`} value={assignee} onChange={(e) => setAssignee(e.target.value)} onBlur={saveAssignee} onKeyDown={(e) => e.key === 'Enter' && saveAssignee()} />
      </div>
    </header>
  )
}
