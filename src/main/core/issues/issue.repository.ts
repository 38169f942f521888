import type { Issue, IssuePriority, IssueStatus, IssueType } from '../../../shared/domain'
import type { Db } from '../db/database'
import type { IssueRow, IssueUpdate, NewIssueRow } from '../db/tables/issue.table'

export function toIssue(row: IssueRow, dependsOn: string[]): Issue {
  return {
    id: row.id,
    repoId: row.repo_id,
    title: row.title,
    body: row.body,
    acceptanceCriteria: JSON.parse(row.acceptance_criteria) as string[],
    priority: row.priority as IssuePriority,
    type: row.type as IssueType,
    labels: JSON.parse(row.labels) as string[],
    status: row.status as IssueStatus,
    scaleTier: row.scale_tier,
    dependsOn,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

export async function insertIssue(db: Db, row: NewIssueRow, dependsOn: string[]): Promise<void> {
  await db.insertInto('issues').values(row).execute()
  if (dependsOn.length > 0) {
    await db
      .insertInto('issue_dependencies')
      .values(dependsOn.map((depends_on_id) => ({ issue_id: row.id, depends_on_id })))
      .execute()
  }
}

export async function updateIssue(db: Db, id: string, update: IssueUpdate): Promise<void> {
  await db.updateTable('issues').set(update).where('id', '=', id).execute()
}

export interface IssueFilter {
  repoId?: string
  status?: IssueStatus
  ids?: string[]
  limit?: number
}

/** Issues with their dependencies: two queries whatever the number of issues. */
export async function listIssues(db: Db, filter: IssueFilter): Promise<Issue[]> {
  let query = db.selectFrom('issues').selectAll()
  if (filter.repoId) query = query.where('repo_id', '=', filter.repoId)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.ids) query = query.where('id', 'in', filter.ids.length > 0 ? filter.ids : [''])
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 10_000)
    .execute()
  if (rows.length === 0) return []
  const deps = await dependenciesOf(db, filter)
  return rows.map((row) => toIssue(row, deps.get(row.id) ?? []))
}

async function dependenciesOf(db: Db, filter: IssueFilter): Promise<Map<string, string[]>> {
  let query = db
    .selectFrom('issue_dependencies')
    .innerJoin('issues', 'issues.id', 'issue_dependencies.issue_id')
    .select(['issue_dependencies.issue_id', 'issue_dependencies.depends_on_id'])
  if (filter.repoId) query = query.where('issues.repo_id', '=', filter.repoId)
  if (filter.status) query = query.where('issues.status', '=', filter.status)
  if (filter.ids) query = query.where('issues.id', 'in', filter.ids.length > 0 ? filter.ids : [''])
  const byIssue = new Map<string, string[]>()
  for (const { issue_id, depends_on_id } of await query.orderBy('depends_on_id').execute()) {
    const list = byIssue.get(issue_id) ?? []
    list.push(depends_on_id)
    byIssue.set(issue_id, list)
  }
  return byIssue
}

export async function findIssue(db: Db, id: string): Promise<Issue | undefined> {
  const [issue] = await listIssues(db, { ids: [id], limit: 1 })
  return issue
}

export async function existingIssueIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('issues').select('id').where('id', 'in', ids).execute()
  return new Set(rows.map((r) => r.id))
}
