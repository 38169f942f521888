import { useApp } from '../app/context'
import { counted } from '../lib/plural'
import { sizeOf } from '../state/selectors'
import { StatusRunCounts } from './nav/StatusRunCounts'
import { ActionToasts } from './ui/ActionToasts'

const connectionText = { open: 'Connected', connecting: 'Connecting…', closed: 'Disconnected — retrying' } as const
const connectionDot = { open: 'bg-ok', connecting: 'bg-warn', closed: 'bg-danger' } as const

export function StatusBar() {
  const connection = useApp((s) => s.connection)
  const issueCount = useApp((s) => sizeOf(s.issues))
  const repoCount = useApp((s) => s.repos.length)
  const openQuestions = useApp((s) => s.forumStats?.openQuestions ?? 0)
  return (
    <footer className="flex h-7 shrink-0 items-center gap-4 border-t border-line bg-panel px-4 text-[11px] text-muted">
      <span data-testid="connection" data-state={connection} className="flex items-center gap-1.5">
        <span className={`size-1.5 rounded-full ${connectionDot[connection]}`} />
        {connectionText[connection]}
      </span>
      <span>{counted(repoCount, 'repository', 'repositories')}</span>
      <span>{counted(issueCount, 'issue')}</span>
      <StatusRunCounts />
      <span data-testid="status-open-questions">{counted(openQuestions, 'open question')}</span>
      <ActionToasts />
    </footer>
  )
}
