import type { ParsedInput, ReviewComment } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { readFileInside } from '../fs-safety/inside'
import { newId, now } from '../ids'
import { appendContextPacket, listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import { typeToAgent } from '../runs/agent-input'
import { renderBriefing } from '../runs/briefing'
import type { RunDeps } from '../runs/run-context'
import { writeRunFile } from '../runs/run-files'
import { findRun } from '../runs/run.repository'
import { patchRun } from '../runs/run-transition'
import { findCommentRow, listCommentRows, toComment } from './comments.repository'

const linesOf = (text: string, start: number, end: number) => text.split('\n').slice(start - 1, end).join('\n')

/** One line per comment, for the briefing and for the agent's prompt. */
export function commentLines(comments: readonly Pick<ReviewComment, 'path' | 'startLine' | 'endLine' | 'body'>[]): string[] {
  return comments.map((c) => `${c.path}:${c.startLine === c.endLine ? c.startLine : `${c.startLine}-${c.endLine}`}: ${c.body.trim().replace(/\s+/g, ' ')}`)
}

/**
 * Review comments on a run's diff: written against the lines of the worktree's files, sent to the agent as one
 * message and a new briefing version, and followed (a sent comment is addressed once its lines changed).
 */
export class CommentService {
  constructor(private readonly deps: RunDeps) {}

  async add(input: ParsedInput<'comment.add'>): Promise<ReviewComment> {
    const run = await this.worktreeRun(input.runId)
    const content = await readFileInside(run.worktreePath!, input.path)
    if (content === null) throw new ApiError('invalid_input', `${input.path} is not a file in the run's worktree`, 'path')
    const count = content.endsWith('\n') ? content.split('\n').length - 1 : content.split('\n').length
    if (input.endLine > count) throw new ApiError('invalid_input', `${input.path} has ${count} line(s); the comment is on line ${input.endLine}`, 'endLine')
    const row = {
      id: newId(), run_id: run.id, path: input.path, start_line: input.startLine, end_line: input.endLine, body: input.body.trim(),
      quote: linesOf(content, input.startLine, input.endLine), status: 'pending', sent_at: null, packet_version: null, created_at: now()
    }
    await this.deps.store.write(async (tx) => {
      await tx.db.insertInto('review_comments').values(row).execute()
      tx.emit('comment.updated', run.id, { runId: run.id, commentId: row.id, change: 'added' })
    })
    return toComment(row, null)
  }

  async list(runId: string): Promise<ReviewComment[]> {
    const run = await findRun(this.deps.store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    const rows = await listCommentRows(this.deps.store.db, runId)
    const files = new Map<string, Promise<string | null>>()
    const read = (p: string) => {
      if (!files.has(p)) files.set(p, run.worktreePath ? readFileInside(run.worktreePath, p) : Promise.resolve(null))
      return files.get(p)!
    }
    return Promise.all(rows.map(async (r) => {
      if (r.status !== 'sent') return toComment(r, null)
      const now = await read(r.path)
      return toComment(r, now === null || linesOf(now, r.start_line, r.end_line) !== r.quote)
    }))
  }

  async remove(id: string): Promise<{ ok: true }> {
    const row = await findCommentRow(this.deps.store.db, id)
    if (!row) throw new ApiError('not_found', `no review comment with id ${id}`, 'id')
    if (row.status === 'sent') throw new ApiError('refused', 'this comment was already sent to the agent; it is part of a briefing and stays', 'id')
    await this.deps.store.write(async (tx) => {
      await tx.db.deleteFrom('review_comments').where('id', '=', id).where('status', '=', 'pending').execute()
      tx.emit('comment.updated', row.run_id, { runId: row.run_id, commentId: id, change: 'removed' })
    })
    return { ok: true }
  }

  /**
   * Every pending comment as one message: a new briefing version (the agent's instructions name them) and the
   * same lines typed into the agent's prompt. The agent must be at its prompt: an ended session cannot read.
   */
  async send(runId: string): Promise<{ sent: number; packetVersion: number }> {
    const run = await this.worktreeRun(runId)
    const pending = (await listCommentRows(this.deps.store.db, runId)).filter((r) => r.status === 'pending')
    if (pending.length === 0) throw new ApiError('refused', 'there is no pending comment to send; add one on the diff first', 'runId')
    const sessions = await this.deps.sessions()
    const live = run.sessionId !== null && (await sessions.list()).some((s) => s.id === run.sessionId && s.exit === null)
    if (!live) throw new ApiError('refused', `the agent of run ${runId} is not running, so it cannot read comments; resume the run (flightdeck run resume ${runId}) and send them again`, 'runId')
    const issue = await findIssue(this.deps.store.db, run.issueId)
    const latest = (await listContextPackets(this.deps.store.db, run.issueId)).at(-1)
    if (!issue || !latest) throw new ApiError('not_found', `the run's issue or its briefing is gone`, 'runId')
    const lines = commentLines(pending.map((r) => ({ path: r.path, startLine: r.start_line, endLine: r.end_line, body: r.body })))
    const ts = now()
    const packet = await this.deps.store.write(async (tx) => {
      const packet = await appendContextPacket(tx.db, issue.id, { ...latest.content, inputs: { ...latest.content.inputs, reviewComments: lines.map((l) => `- ${l}`).join('\n') } })
      await tx.db.updateTable('review_comments').set({ status: 'sent', sent_at: ts, packet_version: packet.version }).where('run_id', '=', runId).where('status', '=', 'pending').where('id', 'in', pending.map((r) => r.id)).execute()
      await patchRun(tx, run, { context_packet_id: packet.id })
      tx.emit('comment.updated', runId, { runId, commentId: null, change: 'sent' })
      return packet
    })
    // The briefing file after the commit: a failed write does not undo the send (the prompt carries the lines).
    await writeRunFile(this.deps.home, runId, 'briefing.md', renderBriefing(issue, packet, run.worktreePath!)).catch(() => undefined)
    await typeToAgent(sessions, run.sessionId!, `Flightdeck: ${pending.length} review comment(s) on your diff (briefing v${packet.version}): ${lines.join(' | ')} (address them and commit)`)
    return { sent: pending.length, packetVersion: packet.version }
  }

  private async worktreeRun(runId: string): Promise<Run> {
    const run = await findRun(this.deps.store.db, runId)
    if (!run) throw new ApiError('not_found', `no run with id ${runId}`, 'runId')
    if (!run.worktreePath) throw new ApiError('refused', `run ${runId} has no worktree (it was cleaned up or never started)`, 'runId')
    return run
  }
}
