import { BellOff, BellRing, X } from 'lucide-react'
import { useState } from 'react'
import { useApp } from '../../app/context'
import { useHost } from '../../host/host-context'
import type { AppNotification } from '../../state/notifications.slice'
import { Button } from '../ui/Button'
import { severityIcon } from './severity-style'

const timeOf = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

/** The panel behind the bell: what is blocked now (the tray's list) and the notifications so far. */
export function NotificationCenter({ onOpen }: { onOpen(n: Pick<AppNotification, 'target'>): void }) {
  const host = useHost()
  const blocked = useApp((s) => s.blocked)
  const notifications = useApp((s) => s.notifications)
  const toggle = useApp((s) => s.toggleCenter)
  const clear = useApp((s) => s.clearNotifications)
  const [permission, setPermission] = useState(host.notificationPermission())
  return (
    <aside data-testid="notification-center" aria-label="Notifications" className="fixed top-12 bottom-7 left-16 z-40 flex w-[380px] flex-col border-r border-line bg-panel shadow-2xl">
      <header className="flex items-center gap-2 border-b border-line px-4 py-3">
        <h2 className="text-sm font-semibold">Notifications</h2>
        <button type="button" aria-label="Close" onClick={() => toggle(false)} className="ml-auto rounded p-1 text-muted hover:bg-raised hover:text-fg">
          <X size={16} />
        </button>
      </header>
      {permission === 'default' && (
        <div className="flex items-center gap-2 border-b border-line bg-accent/6 px-4 py-2 text-xs">
          <BellRing size={14} className="text-accent" />
          <span className="flex-1">Get desktop notifications when a run needs you and this tab is in the background.</span>
          <Button className="h-7 text-xs" onClick={() => void host.requestNotificationPermission().then(setPermission)}>Enable</Button>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto">
        <section className="border-b border-line px-4 py-3">
          <h3 className="mb-2 text-[11px] font-semibold tracking-wide text-muted uppercase">Blocked now · {blocked.length}</h3>
          {blocked.length === 0 ? (
            <p className="text-xs text-muted">Nothing waits on you: no open questions, failed or lost runs.</p>
          ) : (
            <ul data-testid="blocked-list" className="space-y-1">
              {blocked.map((b) => (
                <li key={b.key}>
                  <button type="button" onClick={() => onOpen(b)} className="w-full truncate rounded px-2 py-1 text-left text-[13px] hover:bg-raised">{b.label}</button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {notifications.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-10 text-center text-xs text-muted">
            <BellOff size={20} />
            No notifications yet. Questions, failures and runs ready to merge show up here.
          </div>
        ) : (
          <ul data-testid="notification-list" className="divide-y divide-line">
            {notifications.map((n) => {
              const { icon: Icon, color } = severityIcon[n.severity]
              return (
                <li key={n.id}>
                  <button type="button" onClick={() => onOpen(n)} className="flex w-full gap-2.5 px-4 py-2.5 text-left hover:bg-raised/60">
                    <Icon size={15} className={`mt-0.5 shrink-0 ${color}`} />
                    <span className="min-w-0 flex-1">
                      <span className="block text-[13px] leading-snug font-medium">{n.title}</span>
                      {n.body && <span className="block truncate text-xs text-muted">{n.body}</span>}
                    </span>
                    <span className="shrink-0 text-[10px] text-muted tabular-nums">{timeOf(n.at)}</span>
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </div>
      {notifications.length > 0 && (
        <footer className="border-t border-line px-4 py-2">
          <Button variant="ghost" className="h-7 text-xs" onClick={clear}>Clear all</Button>
        </footer>
      )}
    </aside>
  )
}
