import { X } from 'lucide-react'
import { useEffect } from 'react'
import type { AppNotification } from '../../state/notifications.slice'
import { useApp } from '../../app/context'
import { severityIcon } from './severity-style'

/** How long a toast stays; errors stay until dismissed, since they need a look. */
const TOAST_MS = 6_000

function Toast({ n, onOpen, onDismiss }: { n: AppNotification; onOpen(): void; onDismiss(): void }) {
  const { icon: Icon, color } = severityIcon[n.severity]
  useEffect(() => {
    if (n.severity === 'error') return
    const timer = setTimeout(onDismiss, TOAST_MS)
    return () => clearTimeout(timer)
  }, [n.severity, onDismiss])
  return (
    <div role="status" data-testid="toast" data-severity={n.severity} className="pointer-events-auto flex w-80 gap-2.5 rounded-lg border border-line bg-panel p-3 shadow-xl">
      <Icon size={16} className={`mt-px shrink-0 ${color}`} />
      <button type="button" onClick={onOpen} className="min-w-0 flex-1 text-left">
        <p className="text-[13px] font-medium leading-snug">{n.title}</p>
        {n.body && <p className="mt-0.5 line-clamp-3 text-xs text-muted">{n.body}</p>}
      </button>
      <button type="button" aria-label="Dismiss" onClick={onDismiss} className="self-start rounded p-0.5 text-muted hover:bg-raised hover:text-fg">
        <X size={14} />
      </button>
    </div>
  )
}

/** The newest notifications, bottom right, above the status bar; a click goes where they point. */
export function Toaster({ onOpen }: { onOpen(n: AppNotification): void }) {
  const toasts = useApp((s) => s.toasts)
  const notifications = useApp((s) => s.notifications)
  const dismiss = useApp((s) => s.dismissToast)
  const shown = toasts.map((id) => notifications.find((n) => n.id === id)).filter((n): n is AppNotification => Boolean(n))
  if (shown.length === 0) return null
  return (
    <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-10 z-50 flex flex-col gap-2">
      {shown.map((n) => (
        <Toast key={n.id} n={n} onDismiss={() => dismiss(n.id)} onOpen={() => (dismiss(n.id), onOpen(n))} />
      ))}
    </div>
  )
}
