import type { BlockedItem, Host, HostNotification, HostTarget, NotificationPermissionState } from '../../../shared/host'

const APP_TITLE = 'Flightdeck'

/**
 * The host in a browser tab: the Notification API (only when permitted, and only while the tab is not in
 * front — the in-app toast covers that case), the blocked count in the tab title, navigator.clipboard.
 */
export function createBrowserHost(): Host {
  const listeners = new Set<(target: HostTarget) => void>()
  const supported = typeof window !== 'undefined' && 'Notification' in window
  const permission = (): NotificationPermissionState => (supported ? Notification.permission : 'unsupported')
  return {
    kind: 'browser',
    notify(n: HostNotification) {
      if (permission() !== 'granted' || (document.visibilityState === 'visible' && document.hasFocus())) return
      const shown = new Notification(n.title, { body: n.body, tag: n.id })
      shown.onclick = () => {
        window.focus()
        for (const l of listeners) l(n.target)
        shown.close()
      }
    },
    setBlockedWork(items: readonly BlockedItem[]) {
      document.title = items.length ? `(${items.length}) ${APP_TITLE}` : APP_TITLE
    },
    copyText: (text) => navigator.clipboard.writeText(text),
    openExternal(url) {
      if (/^https?:\/\//i.test(url)) window.open(url, '_blank', 'noopener,noreferrer')
    },
    pickDirectory: null,
    onActivate(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    notificationPermission: permission,
    async requestNotificationPermission() {
      if (!supported) return 'unsupported'
      return Notification.requestPermission()
    }
  }
}
