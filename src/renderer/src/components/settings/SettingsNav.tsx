import { useEffect } from 'react'
import { useApp } from '../../app/context'
import type { SettingsSectionId } from './SettingsSection'

const sections: { id: SettingsSectionId; label: string }[] = [
  { id: 'appearance', label: 'Appearance' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'models-and-keys', label: 'Models & keys' },
  { id: 'concurrency', label: 'Concurrency' },
  { id: 'agents', label: 'Agents' },
  { id: 'machine', label: 'Machine' },
  { id: 'data', label: 'Data' }
]

/**
 * Links to each section (`/settings/<id>`); the section the route names is scrolled into view, on a click as on a
 * reload or a deep link.
 */
export function SettingsNav() {
  const section = useApp((s) => s.settingsSection)
  const openSettings = useApp((s) => s.openSettings)
  useEffect(() => {
    if (!section) return
    const target = () => document.getElementById(`settings-${section}`)
    const view = target()?.closest('[data-testid="settings-view"]')
    const scroll = () => target()?.scrollIntoView({ block: 'start' })
    const frame = requestAnimationFrame(scroll)
    // Sections above it still loading (the agents, the machine checks) would push it down: follow them for a
    // moment, until the person scrolls on their own.
    const grow = new ResizeObserver(scroll)
    if (view?.firstElementChild) grow.observe(view.firstElementChild)
    const stop = () => grow.disconnect()
    const timer = setTimeout(stop, 2_000)
    view?.addEventListener('wheel', stop, { once: true })
    view?.addEventListener('keydown', stop, { once: true })
    return () => (cancelAnimationFrame(frame), clearTimeout(timer), stop(), view?.removeEventListener('wheel', stop), view?.removeEventListener('keydown', stop))
  }, [section])
  return (
    <nav aria-label="Settings sections" className="mt-3 flex flex-wrap gap-1">
      {sections.map((s) => (
        <a
          key={s.id}
          href={`#/settings/${s.id}`}
          aria-current={section === s.id ? 'location' : undefined}
          onClick={(e) => (e.preventDefault(), openSettings(s.id))}
          className={`rounded-md px-2 py-1 text-xs ${section === s.id ? 'bg-raised text-fg' : 'text-muted hover:text-fg'}`}
        >
          {s.label}
        </a>
      ))}
    </nav>
  )
}
