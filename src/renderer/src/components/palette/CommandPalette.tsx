import { Command } from 'cmdk'
import { Search } from 'lucide-react'
import { useMemo } from 'react'
import { useApp } from '../../app/context'
import { runStateLabel } from '../run-style'
import type { ActionContext, AppAction } from './actions'
import { keyLabel } from './use-shortcuts'

/** How many issues and runs the palette lists (newest first); the boards' filters reach the rest. */
const LISTED = 150

const itemClass = 'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-[13px] data-[selected=true]:bg-accent/12 data-[selected=true]:text-fg'
const groupClass = '[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-[11px] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-muted'

/** Every action, plus jumping to an issue or a run by name (Ctrl/⌘+K). */
export function CommandPalette({ actions, ctx }: { actions: AppAction[]; ctx: ActionContext }) {
  const close = () => ctx.store.getState().setOverlay(null)
  const issues = useApp((s) => s.issues)
  const runs = useApp((s) => s.runs)
  const recentIssues = useMemo(() => Object.values(issues).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, LISTED), [issues])
  const recentRuns = useMemo(() => Object.values(runs).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, LISTED), [runs])
  const groups = ['Go to', 'Runs', 'Issues', 'App'] as const
  const pick = (work: () => void) => {
    close()
    work()
  }
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/40 pt-[12vh]" onMouseDown={close}>
      <Command
        role="dialog"
        aria-label="Command palette"
        label="Command palette"
        loop
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && close()}
        className="w-[620px] max-w-[92vw] overflow-hidden rounded-xl border border-line bg-panel shadow-2xl"
      >
        <div className="flex items-center gap-2 border-b border-line px-4">
          <Search size={15} className="text-muted" />
          <Command.Input autoFocus placeholder="Type a command, an issue or a run…" className="h-12 flex-1 bg-transparent text-sm outline-none placeholder:text-muted/70" />
        </div>
        <Command.List className="max-h-[55vh] overflow-y-auto p-2">
          <Command.Empty className="px-3 py-6 text-center text-xs text-muted">Nothing matches. Try a view, an action, an issue title or a run id.</Command.Empty>
          {groups.map((g) => (
            <Command.Group key={g} heading={g} className={groupClass}>
              {actions.filter((a) => a.group === g && a.id !== 'palette').map((a) => (
                <Command.Item key={a.id} value={`${a.label} ${a.id}`} onSelect={() => pick(() => a.run(ctx))} className={itemClass}>
                  {a.label}
                  {a.keys?.[0] && <kbd className="ml-auto rounded border border-line px-1.5 text-[10px] text-muted">{keyLabel(a.keys[0])}</kbd>}
                </Command.Item>
              ))}
            </Command.Group>
          ))}
          <Command.Group heading="Open issue" className={groupClass}>
            {recentIssues.map((i) => (
              <Command.Item key={i.id} value={`issue ${i.title} ${i.id}`} onSelect={() => pick(() => ctx.store.getState().selectIssue(i.id))} className={itemClass}>
                <span className="truncate">{i.title}</span>
                <span className="ml-auto font-mono text-[10px] text-muted">{i.status.replace('_', ' ')}</span>
              </Command.Item>
            ))}
          </Command.Group>
          <Command.Group heading="Open run" className={groupClass}>
            {recentRuns.map((r) => (
              <Command.Item key={r.id} value={`run ${issues[r.issueId]?.title ?? ''} ${r.agentProfile} ${r.id}`} onSelect={() => pick(() => ctx.store.getState().openRun(r.id))} className={itemClass}>
                <span className="truncate">{issues[r.issueId]?.title ?? 'Unknown issue'}</span>
                <span className="text-[11px] text-muted">{r.agentProfile}</span>
                <span className="ml-auto text-[10px] text-muted">{runStateLabel[r.state]}</span>
              </Command.Item>
            ))}
          </Command.Group>
        </Command.List>
      </Command>
    </div>
  )
}
