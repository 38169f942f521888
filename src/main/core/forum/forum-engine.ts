import type { ForumPriority, Run } from '../../../shared/domain'
import { forumPriorities } from '../../../shared/domain'
import { listRuns } from '../runs/run.repository'
import type { Store } from '../store'
import type { AgentChannel } from './agent-channel'
import { findThreadRow } from './forum.repository'
import { emitForum, forumMeta } from './forum-writer'
import { guidanceRequestSchema, implementationCompleteSchema, readSignalFile, removeSignalFile, type SignalRead, signalFiles, writeSignalFile } from './signal-files'

const bump = (p: ForumPriority): ForumPriority => forumPriorities[Math.min(forumPriorities.indexOf(p) + 1, forumPriorities.length - 1)] as ForumPriority

/**
 * The forum's part of a long-lived process (the app, `serve`): picks up signal files agents without MCP
 * leave in their worktrees, and escalates questions left unanswered past their SLA.
 */
export class ForumEngine {
  private timers: NodeJS.Timeout[] = []
  /** Invalid files already reported, by path: reported again only when the file changes. */
  private reported = new Map<string, string>()
  private polling: Promise<void> | undefined

  constructor(
    private readonly store: Store,
    private readonly channel: AgentChannel,
    private readonly intervals = { signalMs: 1_000, slaMs: 30_000 }
  ) {}

  start(): void {
    const every = (ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => void work().catch((e: unknown) => console.error('forum engine:', e instanceof Error ? e.message : e)), ms)
      timer.unref()
      this.timers.push(timer)
    }
    every(this.intervals.signalMs, () => this.pollSignals())
    every(this.intervals.slaMs, () => this.escalateDue())
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t)
  }

  /** One pass over the worktrees of running and waiting runs; passes never overlap. */
  pollSignals(): Promise<void> {
    this.polling ??= (async () => {
      for (const run of await listRuns(this.store.db, { states: ['running', 'waiting'] })) {
        if (run.worktreePath) await this.pollRun(run, run.worktreePath)
      }
    })().finally(() => (this.polling = undefined))
    return this.polling
  }

  private async pollRun(run: Run, worktree: string): Promise<void> {
    if (run.state === 'running') {
      const request = await readSignalFile(worktree, signalFiles.request, guidanceRequestSchema)
      if (request.kind === 'ok') {
        const { question, options, blocking, files } = request.value
        const text = files.length ? `${question}\n\nFiles: ${files.join(', ')}` : question
        await this.channel.ask(run, { question: text, options, blocking, channel: 'file' })
        await removeSignalFile(request.file)
      } else await this.report(worktree, request)
    }
    const complete = await readSignalFile(worktree, signalFiles.complete, implementationCompleteSchema)
    if (complete.kind === 'ok') {
      await this.channel.markComplete(run, complete.value.summary, complete.value.doneCriteria)
      await removeSignalFile(complete.file)
    } else await this.report(worktree, complete)
  }

  /** A malformed file changes nothing; the agent finds why in `.flightdeck/signal-error.json`. */
  private async report(worktree: string, read: SignalRead<unknown>): Promise<void> {
    if (read.kind !== 'invalid' || this.reported.get(read.file) === read.stamp) return
    this.reported.set(read.file, read.stamp)
    console.error(`forum engine: refused ${read.file}: ${read.error}`)
    await writeSignalFile(worktree, signalFiles.error, { error: read.error, at: new Date().toISOString() }).catch(() => undefined)
  }

  /** Bumps the priority of every question past its SLA; returns how many escalated. */
  async escalateDue(at = new Date()): Promise<number> {
    const iso = at.toISOString()
    const due = await this.store.db.selectFrom('forum_threads').select('id').where('sla_due_at', '<=', iso).where('state', 'not in', ['answered', 'closed']).execute()
    let escalated = 0
    for (const { id } of due) {
      await this.store.write(async (tx) => {
        const row = await findThreadRow(tx.db, id)
        if (!row?.sla_due_at || row.sla_due_at > iso || row.state === 'answered' || row.state === 'closed') return
        const nextDueAt = row.sla_minutes ? new Date(at.getTime() + row.sla_minutes * 60_000).toISOString() : null
        const priority = bump(row.priority as ForumPriority)
        await emitForum(tx, 'forum.sla_breached', id, { threadId: id, title: row.title, priority, escalations: row.escalations + 1, nextDueAt, meta: forumMeta('sla', row.correlation_id, row.last_event_id) })
        escalated++
      })
    }
    return escalated
  }
}
