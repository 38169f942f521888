import type { EventEnvelope, ForumEventMeta, TopicPayload } from '../../../shared/contract'
import { newId } from '../ids'
import type { WriteTx } from '../store'
import { applyForumEvent, type ForumTopic } from './forum-projection'

/**
 * Appends a forum event and folds it into the projections in the same transaction: the live views and a
 * rebuild from the log go through the very same `applyForumEvent`.
 */
export async function emitForum<T extends ForumTopic>(tx: WriteTx, topic: T, threadId: string, payload: TopicPayload<T>): Promise<EventEnvelope<T>> {
  const event = tx.emit(topic, threadId, payload)
  await applyForumEvent(tx.db, event as EventEnvelope)
  return event
}

/** A command's trace: its own id, the conversation it belongs to, the event it responds to. */
export function forumMeta(actor: string, correlationId: string, causationId: string | null): ForumEventMeta {
  return { commandId: newId(), correlationId, causationId, actor }
}
