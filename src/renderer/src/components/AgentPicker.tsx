import { Loader2 } from 'lucide-react'
import type { AgentInfo } from '../../../shared/domain'
import type { QueryState } from './use-query'

interface AgentPickerProps {
  agents: QueryState<AgentInfo[]>
  selected: string | null
  onSelect(name: string): void
}

/** The agent profiles as radio rows; one whose program is not on PATH is shown, disabled, with why. */
export function AgentPicker({ agents, selected, onSelect }: AgentPickerProps) {
  if (agents.loading && !agents.data) {
    return (
      <p className="flex items-center gap-2 text-xs text-muted">
        <Loader2 size={13} className="animate-spin" /> Looking for installed agents…
      </p>
    )
  }
  if (agents.error) {
    return (
      <p className="text-xs text-danger">
        The agents could not be listed: {agents.error}{' '}
        <button type="button" className="underline" onClick={agents.reload}>Try again</button>
      </p>
    )
  }
  return (
    <div role="radiogroup" aria-label="Agent" className="divide-y divide-line overflow-hidden rounded-lg border border-line">
      {(agents.data ?? []).map((agent) => {
        const why = agent.installed ? undefined : `${agent.command} is not installed (not found on PATH)`
        return (
          <label
            key={agent.name}
            title={why}
            className={`flex items-center gap-2.5 px-3 py-2 text-[13px] ${agent.installed ? 'cursor-pointer hover:bg-raised/60' : 'cursor-not-allowed opacity-55'} ${selected === agent.name ? 'bg-accent/8' : ''}`}
          >
            <input type="radio" name="agent" value={agent.name} className="accent-accent" disabled={!agent.installed} checked={selected === agent.name} onChange={() => onSelect(agent.name)} />
            <span className="font-medium">{agent.label}</span>
            <span className="font-mono text-[11px] text-muted">{agent.command}</span>
            <span className={`ml-auto text-[11px] ${agent.installed ? 'text-ok' : 'text-muted'}`}>{agent.installed ? 'installed' : 'not on PATH'}</span>
          </label>
        )
      })}
    </div>
  )
}
