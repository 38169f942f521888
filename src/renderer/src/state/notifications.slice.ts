import type { StateCreator } from 'zustand/vanilla'
import type { NotificationRecord } from '../../../shared/contract'
import type { BlockedItem, HostNotification } from '../../../shared/host'
import type { Client } from '../../../shared/transport'
import type { AppState } from './app-state'

export interface AppNotification extends HostNotification {
  at: number
  read: boolean
  /** This window's own feedback (a refused drag, a palette action): shown here, not recorded by the core. */
  local?: boolean
}

/** The notification center shows this many; older ones fall off (the core keeps more). */
const KEEP = 200

export interface NotificationsSlice {
  /** Newest first: the core's records (they survive a reload) and this window's own. */
  notifications: AppNotification[]
  /** Ids of the notifications shown as toasts right now. */
  toasts: string[]
  /** What waits on a person (the same list the tray shows). */
  blocked: readonly BlockedItem[]
  centerOpen: boolean
  /** Fetches the core's records; called at boot and after every reconnect (a snapshot: no toasts). */
  refreshNotifications(): Promise<void>
  /** A record the core just made (`notification.created`): listed and shown as a toast. */
  receiveNotification(record: NotificationRecord): void
  /** This window's own notice, not recorded by the core. */
  pushNotification(notification: HostNotification): void
  /** Another window read or cleared them. */
  applyNotificationEvent(topic: string, payload: unknown): void
  dismissToast(id: string): void
  setBlocked(items: readonly BlockedItem[]): void
  toggleCenter(open?: boolean): void
  clearNotifications(): void
}

const fromRecord = (r: NotificationRecord): AppNotification => ({ id: r.id, title: r.title, body: r.body, severity: r.severity, target: r.target, at: Date.parse(r.at), read: r.read })
const newestFirst = (list: AppNotification[]) => list.sort((a, b) => b.at - a.at).slice(0, KEEP)

export const createNotificationsSlice =
  (client: Client): StateCreator<AppState, [], [], NotificationsSlice> =>
  (set, get) => {
    const add = (n: AppNotification) => {
      if (get().notifications.some((x) => x.id === n.id)) return false
      set({ notifications: newestFirst([n, ...get().notifications]), toasts: [...get().toasts, n.id].slice(-4) })
      return true
    }
    const markAllRead = () => set({ notifications: get().notifications.map((n) => (n.read ? n : { ...n, read: true })) })
    return {
      notifications: [],
      toasts: [],
      blocked: [],
      centerOpen: false,
      async refreshNotifications() {
        const records = await client.invoke('notification.list', {}).catch(() => null)
        if (!records) return
        const local = get().notifications.filter((n) => n.local)
        set({ notifications: newestFirst([...records.map(fromRecord), ...local]) })
      },
      receiveNotification(record) {
        // Open, the center is being read: what arrives is seen at once.
        const read = get().centerOpen
        if (add({ ...fromRecord(record), read }) && read) void client.invoke('notification.read', { ids: [record.id] }).catch(() => undefined)
      },
      pushNotification(n) {
        add({ ...n, at: Date.now(), read: get().centerOpen, local: true })
      },
      applyNotificationEvent(topic, payload) {
        if (topic === 'notification.cleared') set({ notifications: get().notifications.filter((n) => n.local) })
        if (topic !== 'notification.read') return
        const ids = (payload as { ids: string[] | null }).ids
        if (!ids) return markAllRead()
        const seen = new Set(ids)
        set({ notifications: get().notifications.map((n) => (seen.has(n.id) && !n.read ? { ...n, read: true } : n)) })
      },
      dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t !== id) }),
      setBlocked: (blocked) => set({ blocked }),
      toggleCenter(open = !get().centerOpen) {
        if (!open) return set({ centerOpen: false })
        // Opening the center is reading it, in every window and after a reload.
        const unread = get().notifications.some((n) => !n.read && !n.local)
        markAllRead()
        set({ centerOpen: true })
        if (unread) void client.invoke('notification.read', {}).catch(() => undefined)
      },
      clearNotifications() {
        set({ notifications: [], toasts: [] })
        void client.invoke('notification.clear', {}).catch(() => undefined)
      }
    }
  }
