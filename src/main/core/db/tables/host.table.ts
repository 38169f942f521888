import type { Selectable } from 'kysely'

/** Remote hosts runs can be placed on (`host.*`). */
export interface HostTable {
  id: string
  name: string
  url: string
  user: string
  hostname: string
  port: number
  identity_file: string | null
  /** JSON array of known_hosts files. */
  known_hosts: string
  /** JSON HostCheck of the last `host check`, or null. */
  last_check: string | null
  added_at: string
}
export type HostRow = Selectable<HostTable>
