import type SqliteDatabase from 'better-sqlite3'
import type { EventEnvelope, Topic, TopicPayload } from '../../../shared/contract'
import { newId, now } from '../ids'

export interface EventRecord {
  seq: number
  id: string
  ts: string
  topic: string
  entity: string
  payload: string
}

/** A stored event row as the contract's envelope. */
export function toEnvelope(r: EventRecord): EventEnvelope {
  return { id: r.id, seq: r.seq, ts: r.ts, topic: r.topic as Topic, entity: r.entity, payload: JSON.parse(r.payload) as EventEnvelope['payload'] }
}

/**
 * The append-only event table, through raw prepared statements: appends sit on every write path and
 * kysely would prepare each query anew.
 */
export class EventLog {
  private readonly insert: SqliteDatabase.Statement
  private readonly selectSince: SqliteDatabase.Statement
  private readonly selectLast: SqliteDatabase.Statement

  constructor(sqlite: SqliteDatabase.Database) {
    this.insert = sqlite.prepare('INSERT INTO events (id, ts, topic, entity, payload) VALUES (?, ?, ?, ?, ?)')
    this.selectSince = sqlite.prepare(
      'SELECT seq, id, ts, topic, entity, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?'
    )
    this.selectLast = sqlite.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events')
  }

  /** Appends one event; call inside the transaction that makes the change it records. */
  append<T extends Topic>(topic: T, entity: string, payload: TopicPayload<T>): EventEnvelope<T> {
    const id = newId()
    const ts = now()
    const info = this.insert.run(id, ts, topic, entity, JSON.stringify(payload))
    return { id, seq: Number(info.lastInsertRowid), ts, topic, entity, payload }
  }

  since(afterSeq: number, limit: number): EventEnvelope[] {
    return (this.selectSince.all(afterSeq, limit) as EventRecord[]).map(toEnvelope)
  }

  lastSeq(): number {
    return (this.selectLast.get() as { seq: number }).seq
  }
}
