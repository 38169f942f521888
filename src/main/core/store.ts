import type { Kysely, Transaction } from 'kysely'
import type { EventEnvelope, Topic, TopicPayload } from '../../shared/contract'
import type { Database } from './db/database'
import type { OpenedDatabase } from './db/open-database'
import { EventFeed } from './events/event-feed'
import { EventLog } from './events/event-log'

/** A write transaction: change rows through `db`, record what happened through `emit`. */
export interface WriteTx {
  db: Transaction<Database>
  emit<T extends Topic>(topic: T, entity: string, payload: TopicPayload<T>): EventEnvelope<T>
}

/** The database plus its event log: every state change and its event commit together or not at all. */
export class Store {
  readonly events: EventLog
  readonly feed: EventFeed

  constructor(private readonly opened: OpenedDatabase) {
    this.events = new EventLog(opened.sqlite)
    this.feed = new EventFeed(this.events)
  }

  get db(): Kysely<Database> {
    return this.opened.db
  }

  async write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const result = await this.opened.db.transaction().execute((trx) =>
      work({ db: trx, emit: (topic, entity, payload) => this.events.append(topic, entity, payload) })
    )
    this.feed.poll()
    return result
  }

  async close(): Promise<void> {
    this.feed.stop()
    await this.opened.close()
  }
}
