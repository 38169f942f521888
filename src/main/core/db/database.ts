import type { Kysely, Transaction } from 'kysely'
import type { ConstraintSnapshotTable, ContextPacketTable, DoctrineRefTable } from './tables/context.table'
import type { EventTable } from './tables/event.table'
import type { IssueDependencyTable, IssueTable } from './tables/issue.table'
import type { RepoTable } from './tables/repo.table'
import type { SettingTable } from './tables/setting.table'
import type { ArtifactTable, RunTable } from './tables/run.table'

export interface Database {
  repos: RepoTable
  issues: IssueTable
  issue_dependencies: IssueDependencyTable
  context_packets: ContextPacketTable
  constraint_snapshots: ConstraintSnapshotTable
  doctrine_refs: DoctrineRefTable
  runs: RunTable
  artifacts: ArtifactTable
  events: EventTable
  settings: SettingTable
}

/** What repositories take: the database or an open transaction. */
export type Db = Kysely<Database> | Transaction<Database>
