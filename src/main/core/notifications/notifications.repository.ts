import type { NotificationRecord } from '../../../shared/contract'
import type { HostTarget, NotificationSeverity } from '../../../shared/host'
import type { Db } from '../db/database'
import type { NotificationRow } from '../db/tables/notification.table'

export function toNotification(row: NotificationRow): NotificationRecord {
  return { id: row.id, title: row.title, body: row.body, severity: row.severity as NotificationSeverity, target: JSON.parse(row.target) as HostTarget, at: row.created_at, read: row.read_at !== null }
}

export async function listNotificationRows(db: Db, limit: number): Promise<NotificationRow[]> {
  return db.selectFrom('notifications').selectAll().orderBy('seq', 'desc').limit(limit).execute()
}
