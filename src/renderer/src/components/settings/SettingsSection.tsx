import type { ReactNode } from 'react'
import type { SETTINGS_SECTIONS } from '../../../../shared/routes'

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]

/** One section of the settings; its id is its URL (`/settings/<id>`). */
export function SettingsSection({ id, title, description, children }: { id: SettingsSectionId; title: string; description: string; children: ReactNode }) {
  return (
    <section id={`settings-${id}`} data-section={id} aria-label={title} className="grid scroll-mt-4 grid-cols-[240px_1fr] gap-8 border-b border-line py-6 last:border-b-0">
      <div>
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="mt-1 text-xs leading-relaxed text-muted">{description}</p>
      </div>
      <div className="min-w-0 space-y-3">{children}</div>
    </section>
  )
}
