import type { ParsedInput } from '../../../shared/contract'
import type { ContextPacket, Issue, IssueStatus } from '../../../shared/domain'
import { canTransitionIssue, issueTransitions } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { newId, now } from '../ids'
import { findRepo } from '../repos/repo.repository'
import type { Store, WriteTx } from '../store'
import { appendContextPacket, listContextPackets } from './context-packet.repository'
import { editIssue } from './issue-edit'
import { existingIssueIds, findIssue, insertIssue, listIssues, toIssue, updateIssue } from './issue.repository'

export class IssueService {
  constructor(private readonly store: Store) {}

  async create(input: ParsedInput<'issue.create'>): Promise<Issue> {
    return this.store.write(async (tx) => {
      if (!(await findRepo(tx.db, input.repoId))) {
        throw new ApiError('not_found', `no repository with id ${input.repoId}`, 'repoId')
      }
      const dependsOn = [...new Set(input.dependsOn)]
      const known = await existingIssueIds(tx.db, dependsOn)
      const missing = dependsOn.findIndex((id) => !known.has(id))
      if (missing >= 0) {
        throw new ApiError('not_found', `dependency ${dependsOn[missing]} is not an issue`, `dependsOn.${missing}`)
      }
      const ts = now()
      const row = {
        id: newId(),
        repo_id: input.repoId,
        title: input.title,
        body: input.body,
        acceptance_criteria: JSON.stringify(input.acceptanceCriteria),
        priority: input.priority,
        type: input.type,
        labels: JSON.stringify([...new Set(input.labels)]),
        status: 'planning',
        scale_tier: input.scaleTier,
        created_at: ts,
        updated_at: ts
      }
      await insertIssue(tx.db, row, dependsOn)
      await appendContextPacket(tx.db, row.id, {
        summary: input.title,
        instructions: input.body,
        acceptanceCriteria: input.acceptanceCriteria,
        assumptions: [],
        qa: [],
        inputs: {}
      })
      const issue = toIssue(row, dependsOn)
      tx.emit('issue.created', issue.id, { issue })
      return issue
    })
  }

  list(input: ParsedInput<'issue.list'>): Promise<Issue[]> {
    return listIssues(this.store.db, input)
  }

  async get(id: string): Promise<Issue> {
    const issue = await findIssue(this.store.db, id)
    if (!issue) throw new ApiError('not_found', `no issue with id ${id}`, 'id')
    return issue
  }

  /** A person's edit of title, body, criteria, priority, labels or dependencies (see `editIssue`). */
  update(input: ParsedInput<'issue.update'>): Promise<Issue> {
    return this.store.write((tx) => editIssue(tx, input))
  }

  async transition(id: string, to: IssueStatus): Promise<Issue> {
    return this.store.write(async (tx) => {
      const issue = await findIssue(tx.db, id)
      if (!issue) throw new ApiError('not_found', `no issue with id ${id}`, 'id')
      if (issue.status === to) return issue
      if (!canTransitionIssue(issue.status, to)) {
        const allowed = issueTransitions[issue.status]
        const hint = allowed.length > 0 ? `from ${issue.status} it can move to ${allowed.join(', ')}` : `${issue.status} is final`
        throw new ApiError('transition_refused', `an issue cannot move from ${issue.status} to ${to}: ${hint}`, 'to')
      }
      const updatedAt = now()
      await updateIssue(tx.db, id, { status: to, updated_at: updatedAt })
      const updated = { ...issue, status: to, updatedAt }
      tx.emit('issue.updated', id, { issue: updated, from: issue.status })
      return updated
    })
  }

  /**
   * Moves an issue as its runs progress (in_progress, in_review, done), inside the run's transaction.
   * People's moves go through `transition` and its lifecycle table; the engine only never revives a
   * cancelled or done issue.
   */
  async followRun(tx: WriteTx, issueId: string, to: IssueStatus): Promise<void> {
    const issue = await findIssue(tx.db, issueId)
    if (!issue || issue.status === to || issue.status === 'cancelled' || issue.status === 'done') return
    const updatedAt = now()
    await updateIssue(tx.db, issueId, { status: to, updated_at: updatedAt })
    tx.emit('issue.updated', issueId, { issue: { ...issue, status: to, updatedAt }, from: issue.status })
  }

  async contextPackets(issueId: string): Promise<ContextPacket[]> {
    await this.get(issueId)
    return listContextPackets(this.store.db, issueId)
  }
}
