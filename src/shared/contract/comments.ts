import { z } from 'zod'
import { command, topic } from './kit'
import { freeText, id, text } from './schemas'

/** A reviewer's comment on lines of a run's diff, for its agent. */
export interface ReviewComment {
  id: string
  runId: string
  /** The file, relative to the worktree. */
  path: string
  /** 1-based lines of the file as the run has it (the diff's right side), inclusive. */
  startLine: number
  endLine: number
  body: string
  /** The commented lines as they were when the comment was written. */
  quote: string
  /** pending: not yet sent; sent: delivered to the agent (as briefing `packetVersion`). */
  status: 'pending' | 'sent'
  sentAt: string | null
  packetVersion: number | null
  /** For a sent comment: the agent has changed those lines since (or removed the file); null while pending. */
  addressed: boolean | null
  createdAt: string
}

const line = z.number().int().min(1).max(10_000_000)

export const commentCommands = {
  /** Comment on lines of a file of the run's diff; held as pending until sent. */
  'comment.add': command<ReviewComment>()(
    z
      .strictObject({ runId: id, path: text('path', 4_096), startLine: line, endLine: line, body: freeText('comment', 20_000).refine((b) => b.trim().length > 0, 'a comment cannot be empty') })
      .refine((c) => c.endLine >= c.startLine, { message: 'endLine comes before startLine', path: ['endLine'] })
  ),
  /** A run's comments, oldest first, each sent one with whether the agent has addressed it. */
  'comment.list': command<ReviewComment[]>()(z.strictObject({ runId: id })),
  /** Removes a pending comment (a sent one is part of a briefing and stays). */
  'comment.remove': command<{ ok: true }>()(z.strictObject({ id })),
  /** Delivers every pending comment of the run to its agent as one message and records them as a new briefing version. */
  'comment.send': command<{ sent: number; packetVersion: number }>()(z.strictObject({ runId: id }))
}

export const commentTopics = {
  /** A run's review comments changed (added, removed, sent). */
  'comment.updated': topic<{ runId: string; commentId: string | null; change: 'added' | 'removed' | 'sent' }>()
}
