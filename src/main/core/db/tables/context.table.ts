import type { Insertable, Selectable } from 'kysely'

/** Immutable: the store rejects updates and deletes (triggers in the initial migration). */
export interface ContextPacketTable {
  id: string
  issue_id: string
  version: number
  /** JSON object (ContextPacketContent). */
  content: string
  created_at: string
}
export type ContextPacketRow = Selectable<ContextPacketTable>
export type NewContextPacketRow = Insertable<ContextPacketTable>

/** Immutable, like context packets. */
export interface ConstraintSnapshotTable {
  id: string
  issue_id: string | null
  content: string
  created_at: string
}
export type ConstraintSnapshotRow = Selectable<ConstraintSnapshotTable>
export type NewConstraintSnapshotRow = Insertable<ConstraintSnapshotTable>

export interface DoctrineRefTable {
  id: string
  repo_id: string | null
  namespace: string
  name: string
  version: string
  priority: string
  kind: string
  content: string
  created_at: string
}
export type DoctrineRefRow = Selectable<DoctrineRefTable>
export type NewDoctrineRefRow = Insertable<DoctrineRefTable>
