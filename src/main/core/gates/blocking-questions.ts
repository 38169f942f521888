import type { Db } from '../db/database'
import { openBlockingThreads } from '../forum/forum.repository'

/** An open question that blocks a run from closing. */
export interface BlockingQuestion {
  id: string
  title: string
}

/**
 * The hook the close gate asks for open blocking questions of a run. The forum plugs in here: a blocking
 * thread that is neither answered nor closed holds the gate.
 */
export type BlockingQuestions = (db: Db, runId: string) => Promise<BlockingQuestion[]>

export const forumBlockingQuestions: BlockingQuestions = async (db, runId) =>
  (await openBlockingThreads(db, runId)).map((t) => ({ id: t.id, title: t.title }))
