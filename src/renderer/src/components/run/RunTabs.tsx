import { BookOpen, Coins, FileDiff, History, Milestone, Server, ShieldCheck, SquareTerminal } from 'lucide-react'

import type { RUN_TABS } from '../../../../shared/routes'

/** One list of tabs: the routes know them too (a tab missing there reloads to the terminal). */
export type RunTab = (typeof RUN_TABS)[number]

const tabs = [
  { id: 'terminal', label: 'Terminal', icon: SquareTerminal },
  { id: 'changes', label: 'Changes', icon: FileDiff },
  { id: 'checkpoints', label: 'Checkpoints', icon: Milestone },
  { id: 'environment', label: 'Environment', icon: Server },
  { id: 'context', label: 'What the agent knew', icon: BookOpen },
  { id: 'timeline', label: 'Timeline', icon: History },
  { id: 'gates', label: 'Gates', icon: ShieldCheck },
  { id: 'usage', label: 'Usage', icon: Coins }
] as const

export function RunTabs({ tab, onTab }: { tab: RunTab; onTab(tab: RunTab): void }) {
  return (
    <div role="tablist" className="flex shrink-0 gap-1 border-b border-line bg-panel px-4">
      {tabs.map(({ id, label, icon: Icon }) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          onClick={() => onTab(id)}
          className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2 text-[13px] font-medium ${tab === id ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg'}`}
        >
          <Icon size={14} /> {label}
        </button>
      ))}
    </div>
  )
}
