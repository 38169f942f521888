import type { ForumThread } from '../../../shared/domain'
import type { Db } from '../db/database'
import { findRun } from '../runs/run.repository'
import { signalFiles, writeSignalFile } from './signal-files'

/**
 * A question that came in as `.flightdeck/guidance-request.json` is answered in
 * `.flightdeck/guidance-response.json` of the run's worktree, right after the answer commits (whichever
 * process answered: the UI, the CLI). The answer itself is already durable; a missing worktree only
 * means the agent reads it from its next briefing.
 */
export async function respondByFile(db: Db, thread: ForumThread, question: string, answer: string): Promise<void> {
  if (thread.channel !== 'file' || !thread.runId) return
  const run = await findRun(db, thread.runId)
  if (!run?.worktreePath) return
  await writeSignalFile(run.worktreePath, signalFiles.response, { threadId: thread.id, question, answer, answeredAt: thread.answeredAt ?? thread.closedAt ?? thread.updatedAt }).catch((error: unknown) =>
    console.error(`forum: could not write ${signalFiles.response} for run ${run.id}:`, error instanceof Error ? error.message : error)
  )
}
