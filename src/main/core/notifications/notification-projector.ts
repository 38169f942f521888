import type SqliteDatabase from 'better-sqlite3'
import type { EventEnvelope, NotificationRecord } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { notificationOf } from '../../../shared/notifications'
import type { Projector, WriteTx } from '../store'

/** The entity of the center's events (a notification's id is its cause's, not a Flightdeck id). */
export const NOTIFICATIONS_ENTITY = 'notifications'

/** The newest this many are kept; older ones go as new ones come. */
export const KEEP_NOTIFICATIONS = 1_000

/**
 * Records a notification for each event that deserves one (shared/notifications.ts), in the transaction of that
 * event: whichever process made the change (the app, `serve`, a CLI, an agent's hook), it is written exactly once
 * and is there after a reload or a restart. Each one is announced as `notification.created` for the windows open.
 */
export class NotificationProjector implements Projector {
  private readonly insert: SqliteDatabase.Statement
  private readonly previousRun: SqliteDatabase.Statement
  private readonly issueTitle: SqliteDatabase.Statement
  private readonly prune: SqliteDatabase.Statement

  constructor(sqlite: SqliteDatabase.Database) {
    this.insert = sqlite.prepare('INSERT OR IGNORE INTO notifications (id, seq, title, body, severity, target, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)')
    this.previousRun = sqlite.prepare("SELECT payload FROM events WHERE entity = ? AND seq < ? AND topic IN ('run.created', 'run.updated') ORDER BY seq DESC LIMIT 1")
    this.issueTitle = sqlite.prepare('SELECT title FROM issues WHERE id = ?')
    this.prune = sqlite.prepare(`DELETE FROM notifications WHERE seq < (SELECT seq FROM notifications ORDER BY seq DESC LIMIT 1 OFFSET ${KEEP_NOTIFICATIONS - 1})`)
  }

  apply(event: EventEnvelope, emit: WriteTx['emit']): void {
    if (event.topic.startsWith('notification.')) return
    const n = notificationOf(event, () => this.previous(event), (id) => (this.issueTitle.get(id) as { title: string } | undefined)?.title)
    if (!n) return
    if (this.insert.run(n.id, event.seq, n.title, n.body, n.severity, JSON.stringify(n.target), event.ts).changes === 0) return
    this.prune.run()
    const notification: NotificationRecord = { ...n, at: event.ts, read: false }
    emit('notification.created', NOTIFICATIONS_ENTITY, { notification })
  }

  /** The run as the event before this one left it. */
  private previous(event: EventEnvelope): Run | undefined {
    const row = this.previousRun.get(event.entity, event.seq) as { payload: string } | undefined
    return row ? (JSON.parse(row.payload) as { run: Run }).run : undefined
  }
}
