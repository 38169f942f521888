import { type Settings, settingKeys, settingsSchema } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { now } from '../ids'
import type { Store } from '../store'

/** User settings: each top-level key is a row; every update is validated whole before anything is written. */
export class SettingsService {
  constructor(private readonly store: Store) {}

  async get(): Promise<Settings> {
    const rows = await this.store.db.selectFrom('settings').selectAll().execute()
    const raw = Object.fromEntries(rows.filter((r) => (settingKeys as string[]).includes(r.key)).map((r) => [r.key, JSON.parse(r.value)]))
    const parsed = settingsSchema.safeParse(raw)
    // A value written by a newer version may not parse here: fall back to defaults for that key only.
    if (parsed.success) return parsed.data
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])))
    return settingsSchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))))
  }

  /** Replaces the given top-level keys; the result must pass the schema or nothing changes. */
  async update(patch: Record<string, unknown>): Promise<Settings> {
    const unknown = Object.keys(patch).filter((k) => !(settingKeys as string[]).includes(k))
    if (unknown.length) throw new ApiError('invalid_input', `unknown setting ${unknown.join(', ')} (known: ${settingKeys.join(', ')})`, `patch.${unknown[0]}`)
    const current = await this.get()
    const parsed = settingsSchema.safeParse({ ...current, ...patch })
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const path = issue?.path.join('.') ?? ''
      throw new ApiError('invalid_input', `${path}: ${issue?.message ?? 'invalid'}`, `patch.${path}`)
    }
    const next = parsed.data
    // Only keys whose value changes are written; a patch that changes nothing writes nothing, no event.
    const changed = (Object.keys(patch) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]))
    if (changed.length === 0) return current
    return this.store.write(async (tx) => {
      for (const key of changed) {
        const value = JSON.stringify(next[key])
        await tx.db
          .insertInto('settings')
          .values({ key, value, updated_at: now() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now() }))
          .execute()
      }
      tx.emit('settings.updated', 'settings', { settings: next })
      return next
    })
  }
}
