import { Command } from 'lucide-react'
import { useApp } from '../../app/context'
import { keyLabel } from './use-shortcuts'

/** Opens the command palette; shows its shortcut so the keyboard way is learned. */
export function PaletteButton() {
  const setOverlay = useApp((s) => s.setOverlay)
  return (
    <button type="button" data-testid="open-palette" onClick={() => setOverlay('palette')} className="flex h-8 items-center gap-2 rounded-md border border-line px-2.5 text-xs text-muted hover:border-accent/60 hover:text-fg">
      <Command size={13} /> Commands
      <kbd className="rounded bg-raised px-1.5 text-[10px]">{keyLabel('mod+k')}</kbd>
    </button>
  )
}
