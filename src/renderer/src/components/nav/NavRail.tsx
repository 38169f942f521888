import { Bell } from 'lucide-react'
import { useApp } from '../../app/context'
import { type ViewEntry, railViews, views } from './views'

function RailButton({ entry, active, hint, onClick }: { entry: ViewEntry; active: boolean; hint: string; onClick(): void }) {
  const Icon = entry.icon
  return (
    <button
      type="button"
      aria-label={entry.label}
      aria-current={active ? 'page' : undefined}
      title={`${entry.label}  (${hint})`}
      onClick={onClick}
      className={`flex w-12 flex-col items-center gap-0.5 rounded-lg py-1.5 text-[10px] font-medium transition-colors ${active ? 'bg-accent/12 text-accent' : 'text-muted hover:bg-raised hover:text-fg'}`}
    >
      <Icon size={18} />
      {entry.label}
    </button>
  )
}

/** The left rail: one button per registered view, and the notification center's bell with its count. */
export function NavRail() {
  const view = useApp((s) => s.view)
  const showView = useApp((s) => s.showView)
  const unread = useApp((s) => s.notifications.filter((n) => !n.read).length)
  const blocked = useApp((s) => s.blocked.length)
  const toggleCenter = useApp((s) => s.toggleCenter)
  const current = view === 'run' ? 'runs' : view
  return (
    <nav aria-label="Views" className="flex w-16 shrink-0 flex-col items-center gap-1 border-r border-line bg-panel py-2">
      {railViews().map((v, i) => (
        <RailButton key={v.id} entry={v} active={current === v.id} hint={String(i + 1)} onClick={() => showView(v.id)} />
      ))}
      <div className="mt-auto flex flex-col items-center gap-1">
        <button
          type="button"
          aria-label="Notifications"
          data-testid="notification-bell"
          data-unread={unread}
          title={blocked ? `${blocked} blocked` : 'Notifications'}
          onClick={() => toggleCenter()}
          className="relative flex w-12 flex-col items-center gap-0.5 rounded-lg py-1.5 text-[10px] font-medium text-muted hover:bg-raised hover:text-fg"
        >
          <Bell size={18} />
          Alerts
          {(unread > 0 || blocked > 0) && (
            <span data-testid="blocked-count" className={`absolute top-0.5 right-1.5 min-w-4 rounded-full px-1 text-[10px] leading-4 font-semibold text-white tabular-nums ${blocked ? 'bg-danger' : 'bg-accent'}`}>
              {blocked || unread}
            </span>
          )}
        </button>
        {views.filter((v) => v.rail === 'bottom').map((v) => (
          <RailButton key={v.id} entry={v} active={current === v.id} hint="," onClick={() => showView(v.id)} />
        ))}
      </div>
    </nav>
  )
}
