import type { ParsedInput } from '../../../shared/contract'
import type { Issue, Run } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Db } from '../db/database'
import { now } from '../ids'
import { findRun } from '../runs/run.repository'
import type { WriteTx } from '../store'
import { appendContextPacket, listContextPackets } from './context-packet.repository'
import { existingIssueIds, findIssue, updateIssue } from './issue.repository'

type EditableField = 'title' | 'body' | 'acceptanceCriteria' | 'priority' | 'labels' | 'dependsOn'
/** The fields that are part of an agent's briefing: changing one writes a new ContextPacket version. */
const briefingFields: EditableField[] = ['title', 'body', 'acceptanceCriteria', 'dependsOn']
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The chain `from -> ... -> target` through dependencies, if `target` is reachable from `from`. */
async function dependencyPath(db: Db, from: string, target: string): Promise<string[] | null> {
  const rows = await db.selectFrom('issue_dependencies').select(['issue_id', 'depends_on_id']).execute()
  const edges = new Map<string, string[]>()
  for (const r of rows) edges.set(r.issue_id, [...(edges.get(r.issue_id) ?? []), r.depends_on_id])
  const previous = new Map<string, string>([[from, from]])
  const queue = [from]
  while (queue.length > 0) {
    const at = queue.shift() as string
    if (at === target) {
      const path = [at]
      while (path[0] !== from) path.unshift(previous.get(path[0] as string) as string)
      return path
    }
    for (const next of edges.get(at) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, at)
        queue.push(next)
      }
    }
  }
  return null
}

async function checkDependencies(db: Db, issue: Issue, dependsOn: string[]): Promise<void> {
  const self = dependsOn.indexOf(issue.id)
  if (self >= 0) throw new ApiError('invalid_input', 'an issue cannot depend on itself', `dependsOn.${self}`)
  const known = await existingIssueIds(db, dependsOn)
  const missing = dependsOn.findIndex((id) => !known.has(id))
  if (missing >= 0) throw new ApiError('not_found', `dependency ${dependsOn[missing]} is not an issue`, `dependsOn.${missing}`)
  for (const [index, dep] of dependsOn.entries()) {
    if (issue.dependsOn.includes(dep)) continue
    const path = await dependencyPath(db, dep, issue.id)
    if (path) {
      const titles = await db.selectFrom('issues').select(['id', 'title']).where('id', 'in', path).execute()
      const name = (id: string) => `"${titles.find((t) => t.id === id)?.title ?? id}"`
      throw new ApiError(
        'invalid_input',
        `that would make a dependency cycle: ${[issue.id, ...path].map(name).join(' depends on ')}`,
        `dependsOn.${index}`
      )
    }
  }
}

/** Dependencies as the briefing names them (the shape plan approval writes, with the title added). */
async function dependencyInputs(db: Db, ids: string[]): Promise<{ issueId: string; title: string }[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('issues').select(['id', 'title']).where('id', 'in', ids).execute()
  return ids.map((id) => ({ issueId: id, title: rows.find((r) => r.id === id)?.title ?? '' }))
}

/**
 * Applies a person's edit inside the write transaction: the row, the dependency edges, an `issue.updated`
 * event naming the changed fields with their previous values, and a new briefing version when the edit
 * changes what an agent knows. An edit that changes nothing writes nothing.
 */
export async function editIssue(tx: WriteTx, input: ParsedInput<'issue.update'>): Promise<Issue> {
  const issue = await findIssue(tx.db, input.id)
  if (!issue) throw new ApiError('not_found', `no issue with id ${input.id}`, 'id')
  const next: Issue = {
    ...issue,
    ...(input.title !== undefined && { title: input.title }),
    ...(input.body !== undefined && { body: input.body }),
    ...(input.acceptanceCriteria !== undefined && { acceptanceCriteria: input.acceptanceCriteria }),
    ...(input.priority !== undefined && { priority: input.priority }),
    ...(input.labels !== undefined && { labels: [...new Set(input.labels)] }),
    ...(input.dependsOn !== undefined && { dependsOn: [...new Set(input.dependsOn)].sort() })
  }
  const fields: EditableField[] = ['title', 'body', 'acceptanceCriteria', 'priority', 'labels', 'dependsOn']
  const changed = fields.filter((f) => !same(issue[f], next[f]))
  if (changed.length === 0) return issue
  if (changed.includes('dependsOn')) await checkDependencies(tx.db, issue, next.dependsOn)

  next.updatedAt = now()
  await updateIssue(tx.db, issue.id, {
    title: next.title,
    body: next.body,
    acceptance_criteria: JSON.stringify(next.acceptanceCriteria),
    priority: next.priority,
    labels: JSON.stringify(next.labels),
    updated_at: next.updatedAt
  })
  if (changed.includes('dependsOn')) {
    await tx.db.deleteFrom('issue_dependencies').where('issue_id', '=', issue.id).execute()
    if (next.dependsOn.length > 0) {
      await tx.db.insertInto('issue_dependencies').values(next.dependsOn.map((depends_on_id) => ({ issue_id: issue.id, depends_on_id }))).execute()
    }
  }
  let packetVersion: number | undefined
  if (changed.some((f) => briefingFields.includes(f))) {
    const latest = (await listContextPackets(tx.db, issue.id)).at(-1)
    const packet = await appendContextPacket(tx.db, issue.id, {
      assumptions: [],
      qa: [],
      inputs: {},
      ...latest?.content,
      summary: next.title,
      instructions: next.body,
      acceptanceCriteria: next.acceptanceCriteria,
      ...(changed.includes('dependsOn') && { inputs: { ...latest?.content.inputs, dependsOn: await dependencyInputs(tx.db, next.dependsOn) } })
    })
    packetVersion = packet.version
    // Runs still waiting for their first launch are briefed with what the issue says now.
    const waiting = await tx.db.selectFrom('runs').select('id').where('issue_id', '=', issue.id).where('state', '=', 'queued').where('session_id', 'is', null).execute()
    for (const { id } of waiting) {
      await tx.db.updateTable('runs').set({ context_packet_id: packet.id, updated_at: next.updatedAt }).where('id', '=', id).execute()
      tx.emit('run.updated', id, { run: (await findRun(tx.db, id)) as Run })
    }
  }
  const before = Object.fromEntries(changed.map((f) => [f, issue[f]])) as Partial<Issue>
  tx.emit('issue.updated', issue.id, { issue: next, changed, before, ...(packetVersion !== undefined && { packetVersion }) })
  return next
}
