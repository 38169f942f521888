import type { ContextPacket, ForumChannel, ForumThread, Run } from '../../../shared/domain'
import { forumPostMaxChars } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { listContextPackets } from '../issues/context-packet.repository'
import { findIssue } from '../issues/issue.repository'
import type { IssueService } from '../issues/issue.service'
import { renderBriefing } from '../runs/briefing'
import { runPolicy } from '../runs/run-context'
import { patchRun } from '../runs/run-transition'
import { statusFrom } from '../runs/run-status'
import type { Store } from '../store'
import { verifyAgentToken } from './agent-token'
import { findThreadRow, toThread } from './forum.repository'
import { emitForum, forumMeta } from './forum-writer'
import { pauseRun } from './run-coordination'
import { waitForAnswer, type WaitOptions } from './wait-for-answer'

export const agentStatusStates = ['working', 'testing', 'blocked', 'idle'] as const
export type AgentStatusState = (typeof agentStatusStates)[number]
const activityOf = { working: 'working', testing: 'working', blocked: 'needs_input', idle: 'idle' } as const

export interface AgentQuestion {
  question: string
  options: string[]
  blocking: boolean
  channel: Exclude<ForumChannel, 'operator'>
}

/** What an agent may do through its MCP server or signal files, always on behalf of one run. */
export class AgentChannel {
  constructor(
    private readonly store: Store,
    private readonly issues: IssueService
  ) {}

  verify(runId: string, token: string): Promise<Run> {
    return verifyAgentToken(this.store.db, runId, token)
  }

  /** Opens a question thread; a blocking one pauses the run and blocks its issue in the same transaction. */
  async ask(run: Run, q: AgentQuestion): Promise<ForumThread> {
    const question = q.question.trim()
    if (!question) throw new ApiError('invalid_input', 'question is required', 'question')
    if (question.length > forumPostMaxChars) throw new ApiError('invalid_input', `question is at most ${forumPostMaxChars} characters (got ${question.length})`, 'question')
    const slaMinutes = (await runPolicy(this.store, run.id)).forum.slaMinutes || null
    return this.store.write(async (tx) => {
      const id = newId()
      const ts = now()
      const author = `agent:${run.agentProfile}`
      const firstLine = question.split('\n')[0] ?? question
      const thread = {
        id, kind: 'question' as const, title: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine, state: 'waiting_operator' as const,
        priority: 'medium' as const, assignee: null, issueId: run.issueId, runId: run.id, blocking: q.blocking, options: q.options,
        author, authorRole: 'agent' as const, channel: q.channel, slaMinutes,
        slaDueAt: slaMinutes ? new Date(Date.parse(ts) + slaMinutes * 60_000).toISOString() : null, createdAt: ts
      }
      const body = q.options.length ? `${question}\n\nOptions:\n${q.options.map((o) => `- ${o}`).join('\n')}` : question
      const post = { id: newId(), threadId: id, author, authorRole: 'agent' as const, body, isAnswer: false, createdAt: ts }
      await emitForum(tx, 'forum.thread_opened', id, { thread, post, meta: forumMeta(author, run.id, null) })
      if (q.blocking) await pauseRun(tx, this.issues, run, question)
      return toThread((await findThreadRow(tx.db, id))!)
    })
  }

  waitForAnswer(threadId: string, options: WaitOptions = {}): Promise<string> {
    return waitForAnswer(this.store, threadId, options)
  }

  async reportStatus(run: Run, state: AgentStatusState, note: string): Promise<Run> {
    return this.store.write(async (tx) => {
      tx.emit('run.signal', run.id, { runId: run.id, hook: 'report_status', payload: { state, note } })
      return patchRun(tx, run, { ...statusFrom('mcp:report_status', activityOf[state]), detail: `agent reports ${state}: ${note.slice(0, 300)}` })
    })
  }

  /** The agent says it is done; for agents without hooks the engine validates on this signal. */
  async markComplete(run: Run, summary: string, doneCriteria: string[]): Promise<void> {
    await this.store.write(async (tx) => {
      await tx.db
        .insertInto('artifacts')
        .values({ id: newId(), run_id: run.id, kind: 'completion', uri: null, content: summary, meta: JSON.stringify({ doneCriteria }), created_at: now() })
        .execute()
      tx.emit('run.signal', run.id, { runId: run.id, hook: 'implementation-complete', payload: { summary, doneCriteria } })
    })
  }

  /** The issue's current briefing (the latest ContextPacket, answered questions included). */
  async briefing(run: Run): Promise<{ packet: ContextPacket; markdown: string }> {
    const issue = await findIssue(this.store.db, run.issueId)
    const packet = (await listContextPackets(this.store.db, run.issueId)).at(-1)
    if (!issue || !packet) throw new ApiError('not_found', `the briefing of run ${run.id} is missing`)
    return { packet, markdown: renderBriefing(issue, packet, run.worktreePath ?? '') }
  }
}
