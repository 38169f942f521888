import type { StateCreator } from 'zustand/vanilla'
import type { BlockedItem, HostNotification } from '../../../shared/host'
import type { AppState } from './app-state'

export interface AppNotification extends HostNotification {
  at: number
  read: boolean
}

/** The notification center keeps this many; older ones fall off. */
const KEEP = 200

export interface NotificationsSlice {
  /** Newest first. */
  notifications: AppNotification[]
  /** Ids of the notifications shown as toasts right now. */
  toasts: string[]
  /** What waits on a person (the same list the tray shows). */
  blocked: readonly BlockedItem[]
  centerOpen: boolean
  pushNotification(notification: HostNotification): void
  dismissToast(id: string): void
  setBlocked(items: readonly BlockedItem[]): void
  toggleCenter(open?: boolean): void
  clearNotifications(): void
}

export const createNotificationsSlice: StateCreator<AppState, [], [], NotificationsSlice> = (set, get) => ({
  notifications: [],
  toasts: [],
  blocked: [],
  centerOpen: false,
  pushNotification(n) {
    if (get().notifications.some((x) => x.id === n.id)) return
    const read = get().centerOpen
    set({ notifications: [{ ...n, at: Date.now(), read }, ...get().notifications].slice(0, KEEP), toasts: [...get().toasts, n.id].slice(-4) })
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t !== id) }),
  setBlocked: (blocked) => set({ blocked }),
  toggleCenter(open = !get().centerOpen) {
    // Opening the center is reading it.
    set(open ? { centerOpen: true, notifications: get().notifications.map((n) => (n.read ? n : { ...n, read: true })) } : { centerOpen: false })
  },
  clearNotifications: () => set({ notifications: [], toasts: [] })
})
