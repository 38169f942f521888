import type { NotificationRecord, ParsedInput } from '../../../shared/contract'
import { now } from '../ids'
import type { Store } from '../store'
import { NOTIFICATIONS_ENTITY } from './notification-projector'
import { listNotificationRows, toNotification } from './notifications.repository'

/** The notification center's records: listed, marked seen, cleared; each change an event for the other windows. */
export class NotificationService {
  constructor(private readonly store: Store) {}

  async list(input: ParsedInput<'notification.list'>): Promise<NotificationRecord[]> {
    return (await listNotificationRows(this.store.db, input.limit)).map(toNotification)
  }

  async read(input: ParsedInput<'notification.read'>): Promise<{ read: number }> {
    return this.store.write(async (tx) => {
      let update = tx.db.updateTable('notifications').set({ read_at: now() }).where('read_at', 'is', null)
      if (input.ids) {
        if (input.ids.length === 0) return { read: 0 }
        update = update.where('id', 'in', input.ids)
      }
      const read = Number((await update.executeTakeFirst()).numUpdatedRows)
      if (read > 0) tx.emit('notification.read', NOTIFICATIONS_ENTITY, { ids: input.ids ?? null })
      return { read }
    })
  }

  async clear(): Promise<{ cleared: number }> {
    return this.store.write(async (tx) => {
      const cleared = Number((await tx.db.deleteFrom('notifications').executeTakeFirst()).numDeletedRows)
      if (cleared > 0) tx.emit('notification.cleared', NOTIFICATIONS_ENTITY, {})
      return { cleared }
    })
  }
}
