import { z } from 'zod'
import { command, topic } from './kit'
import { text } from './schemas'

/** Where a click on a notification or a tray entry takes the user. */
export type HostTarget = { kind: 'run'; runId: string } | { kind: 'view'; view: string }

export type NotificationSeverity = 'info' | 'success' | 'warning' | 'error'

export interface HostNotification {
  /** Stable per cause, so the same event never shows twice. */
  id: string
  title: string
  body: string
  severity: NotificationSeverity
  target: HostTarget
}

/** A notification the core recorded (from the event that caused it), with whether a person has seen it. */
export interface NotificationRecord extends HostNotification {
  /** When its cause happened (the event's time). */
  at: string
  read: boolean
}

export const notificationCommands = {
  /** The newest notifications, newest first. */
  'notification.list': command<NotificationRecord[]>()(z.strictObject({ limit: z.number().int().min(1).max(1_000).default(200) })),
  /** Marks notifications seen: the given ones, or every one. */
  'notification.read': command<{ read: number }>()(z.strictObject({ ids: z.array(text('a notification id', 200)).max(1_000).optional() })),
  /** Removes every notification (what is blocked stays blocked: that list is the runs' own state). */
  'notification.clear': command<{ cleared: number }>()(z.strictObject({}))
}

export const notificationTopics = {
  /** A cause worth a person's attention was recorded (a question, a failure, a run ready to merge...). */
  'notification.created': topic<{ notification: NotificationRecord }>(),
  /** Notifications were seen: these ids, or null for all. */
  'notification.read': topic<{ ids: string[] | null }>(),
  'notification.cleared': topic<Record<string, never>>()
}
