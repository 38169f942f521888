import type SqliteDatabase from 'better-sqlite3'
import type { Kysely, Transaction } from 'kysely'
import { ApiError } from '../../shared/errors'
import type { EventEnvelope, Topic, TopicPayload } from '../../shared/contract'
import type { Database } from './db/database'
import type { OpenedDatabase } from './db/open-database'
import { ReadOnlyPlugin, openWrite } from './db/read-only.plugin'
import { EventFeed } from './events/event-feed'
import { EventLog } from './events/event-log'

/** A write transaction: change rows through `db`, record what happened through `emit`. */
export interface WriteTx {
  db: Transaction<Database>
  emit<T extends Topic>(topic: T, entity: string, payload: TopicPayload<T>): EventEnvelope<T>
}

/**
 * A record kept from the events themselves, inside the transaction that records each one (so it is written
 * once, whichever process made the change): it sees every event and may record more through `emit`. Synchronous,
 * on the transaction's own connection, like the event log.
 */
export interface Projector {
  apply(event: EventEnvelope, emit: WriteTx['emit']): void
}

/** The database plus its event log: every state change and its event commit together or not at all. */
export class Store {
  readonly events: EventLog
  readonly feed: EventFeed
  private readonly reads: Kysely<Database>
  private readonly projectors: Projector[] = []

  constructor(private readonly opened: OpenedDatabase) {
    this.events = new EventLog(opened.sqlite)
    this.feed = new EventFeed(this.events)
    this.reads = opened.db.withPlugin(new ReadOnlyPlugin())
  }

  /** For reads: an insert, update or delete built on it is refused (see {@link write}). */
  get db(): Kysely<Database> {
    return this.reads
  }

  /** Keeps a projection from now on (core.ts registers them as it composes the core). */
  project(make: (sqlite: SqliteDatabase.Database) => Projector): void {
    this.projectors.push(make(this.opened.sqlite))
  }

  /** The one write path: rows and their events in one transaction, all or nothing. */
  async write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    let result: T
    const emit: WriteTx['emit'] = (topic, entity, payload) => {
      const event = this.events.append(topic, entity, payload)
      for (const p of this.projectors) p.apply(event, emit)
      return event
    }
    try {
      const open = { open: true }
      result = await this.opened.db.transaction().execute((trx) =>
        openWrite.run(open, () => work({ db: trx, emit }))
      ).finally(() => (open.open = false))
    } catch (error) {
      throw typedDbError(error)
    }
    this.feed.poll()
    return result
  }

  async close(): Promise<void> {
    this.feed.stop()
    await this.opened.close()
  }
}

/**
 * SQLite's refusals as contract errors, by SQLite's own result code. Our only triggers guard immutable
 * tables (context packets, constraint snapshots, events, plan versions) and RAISE(ABORT) on change.
 */
function typedDbError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code
  if (code === 'SQLITE_CONSTRAINT_TRIGGER') return new ApiError('immutable', (error as Error).message)
  return error
}
