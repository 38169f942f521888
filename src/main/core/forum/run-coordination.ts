import type { ForumThread, Run } from '../../../shared/domain'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import type { IssueService } from '../issues/issue.service'
import { findRun } from '../runs/run.repository'
import { moveRun, patchRun } from '../runs/run-transition'
import { statusFrom } from '../runs/run-status'
import type { WriteTx } from '../store'
import { openBlockingThreads } from './forum.repository'

/** An agent asked and waits: its run pauses (`waiting`) and its issue is blocked, in the asking transaction. */
export async function pauseRun(tx: WriteTx, issues: IssueService, run: Run, question: string): Promise<void> {
  const detail = `waiting for an answer: ${question.replace(/\s+/g, ' ').slice(0, 200)}`
  const status = statusFrom('mcp:ask_operator', 'needs_input')
  if (run.state === 'running') await moveRun(tx, run.id, 'waiting', { ...status, detail }, detail)
  else await patchRun(tx, run, { ...status, detail })
  await issues.followRun(tx, run.issueId, 'blocked')
}

/**
 * A question got its answer (or was closed): the Q&A becomes a new ContextPacket version of the issue, the
 * run follows that version (a resumed agent is briefed with it), and a run paused only by this thread
 * goes back to running with its issue in progress. A run whose agent died meanwhile keeps the answer for
 * its resume.
 */
export async function deliverAnswer(tx: WriteTx, issues: IssueService, thread: ForumThread, question: string, answer: string): Promise<void> {
  const issueId = thread.issueId
  let packetId: string | undefined
  if (issueId && (thread.kind === 'question' || thread.kind === 'blocker')) {
    const latest = (await listContextPackets(tx.db, issueId)).at(-1)
    if (latest) {
      const qa = [...latest.content.qa, { question, answer, threadId: thread.id }]
      packetId = (await appendContextPacket(tx.db, issueId, { ...latest.content, qa })).id
    }
  }
  if (!thread.runId) return
  const run = await findRun(tx.db, thread.runId)
  if (!run) return
  const stillBlocked = (await openBlockingThreads(tx.db, run.id)).some((t) => t.id !== thread.id)
  const pinned = packetId ? { context_packet_id: packetId } : {}
  if (thread.blocking && run.state === 'waiting' && !stillBlocked) {
    await moveRun(tx, run.id, 'running', { ...pinned, ...statusFrom('operator:answer', 'working'), detail: null }, 'the operator answered; the agent continues')
    await issues.followRun(tx, run.issueId, 'in_progress')
  } else if (packetId) {
    await patchRun(tx, run, pinned)
  }
}
