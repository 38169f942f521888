import Database from 'better-sqlite3'

/** Tables whose rows are created by exactly one event topic with the row's id as entity. */
const created: Array<[table: string, topic: string]> = [
  ['repos', 'repo.added'],
  ['issues', 'issue.created'],
  ['runs', 'run.created'],
  ['forum_threads', 'forum.thread_opened'],
  ['plans', 'plan.updated']
]

/**
 * What must hold after any batch of inputs, read through a separate connection as another process would:
 * the file is sound, and no row exists without the event that made it nor an event without its row.
 */
export function checkDatabase(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const problems: string[] = []
    const integrity = (db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>).map((r) => r.integrity_check)
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.join('; ')}`)
    const fk = db.prepare('PRAGMA foreign_key_check').all()
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} violations`)
    for (const [table, topic] of created) {
      const orphanRows = db.prepare(`SELECT id FROM ${table} WHERE id NOT IN (SELECT entity FROM events WHERE topic = ?)`).all(topic) as Array<{ id: string }>
      if (orphanRows.length) problems.push(`${orphanRows.length} ${table} row(s) without a ${topic} event, e.g. ${orphanRows[0]?.id}`)
      const orphanEvents = db.prepare(`SELECT entity FROM events WHERE topic = ? AND entity NOT IN (SELECT id FROM ${table})`).all(topic) as Array<{ entity: string }>
      if (orphanEvents.length) problems.push(`${orphanEvents.length} ${topic} event(s) without a ${table} row, e.g. ${orphanEvents[0]?.entity}`)
    }
    return problems
  } finally {
    db.close()
  }
}

/** Ids that exist, so generated inputs reach past not_found into the handlers. */
export function existingIds(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    return created.flatMap(([table]) => (db.prepare(`SELECT id FROM ${table} ORDER BY rowid DESC LIMIT 20`).all() as Array<{ id: string }>).map((r) => r.id))
  } finally {
    db.close()
  }
}
