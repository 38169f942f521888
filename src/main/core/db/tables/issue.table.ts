import type { Insertable, Selectable, Updateable } from 'kysely'

export interface IssueTable {
  id: string
  repo_id: string
  title: string
  body: string
  /** JSON array of strings. */
  acceptance_criteria: string
  priority: string
  type: string
  /** JSON array of strings. */
  labels: string
  status: string
  scale_tier: number | null
  created_at: string
  updated_at: string
}
export type IssueRow = Selectable<IssueTable>
export type NewIssueRow = Insertable<IssueTable>
export type IssueUpdate = Updateable<IssueTable>

export interface IssueDependencyTable {
  issue_id: string
  depends_on_id: string
}
