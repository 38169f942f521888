import type { Insertable, Selectable } from 'kysely'

export interface RepoTable {
  id: string
  name: string
  path: string
  default_branch: string
  created_at: string
}
export type RepoRow = Selectable<RepoTable>
export type NewRepoRow = Insertable<RepoTable>
