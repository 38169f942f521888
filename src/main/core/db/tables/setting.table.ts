import type { Selectable } from 'kysely'

export interface SettingTable {
  key: string
  /** JSON, validated by the settings schema of its key. */
  value: string
  updated_at: string
}
export type SettingRow = Selectable<SettingTable>
