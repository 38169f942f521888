import { Dialog } from '../ui/Dialog'
import type { AppAction } from './actions'
import { keyLabel } from './use-shortcuts'

/** Every shortcut on one sheet (press ?). */
export function ShortcutsSheet({ actions, onClose }: { actions: AppAction[]; onClose(): void }) {
  const groups = ['Go to', 'Runs', 'Issues', 'App'] as const
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <div data-testid="shortcuts-sheet" className="grid grid-cols-2 gap-x-8 gap-y-4">
        {groups.map((g) => (
          <section key={g}>
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-muted uppercase">{g}</h3>
            <ul className="space-y-1">
              {actions.filter((a) => a.group === g && a.keys?.length).map((a) => (
                <li key={a.id} className="flex items-center gap-2 text-[13px]">
                  {a.label}
                  <span className="ml-auto flex gap-1">
                    {a.keys?.map((k) => <kbd key={k} className="min-w-6 rounded border border-line bg-raised px-1.5 py-0.5 text-center text-[11px]">{keyLabel(k)}</kbd>)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="text-xs text-muted">Shortcuts are off while you type in a field or a terminal; Ctrl/⌘+K works everywhere.</p>
    </Dialog>
  )
}
