import '@xterm/xterm/css/xterm.css'
import { ChevronDown, ChevronUp, Search } from 'lucide-react'
import { useEffect, useState } from 'react'
import { terminalKey } from '../../../../shared/contract'
import type { Run } from '../../../../shared/domain'
import type { TermStatus } from '../../terminal/term-view'
import { useTermView } from '../../terminal/use-term-view'
import { controlClass } from '../ui/Field'

const statusText = (s: TermStatus, who: string) =>
  s.kind === 'loading' ? 'Connecting…'
  : s.kind === 'live' ? `Live — typing goes to ${who}`
  : s.kind === 'exited' ? `Process exited with code ${s.code ?? 'unknown'}`
  : s.kind === 'history' ? `${who[0]!.toUpperCase()}${who.slice(1)} is not running: its last screen, read-only`
  : `The terminal could not open: ${s.message}`

const statusDot = { loading: 'bg-warn', live: 'bg-ok', exited: 'bg-muted', history: 'bg-muted', error: 'bg-danger' } as const

/**
 * Mounts the TermView of the run's agent, or of one of its named commands; one per session, so a restart gets a
 * fresh terminal.
 */
export function TerminalPane({ run, sessionId, visible, command }: { run: Run; sessionId: string; visible: boolean; command?: string }) {
  const { container, view, status, online } = useTermView(terminalKey(run.id, command), sessionId, visible)
  const offline = !online && status.kind === 'live'
  const [query, setQuery] = useState('')

  // The exit can come before the stream was watched; the run's own state then tells it.
  const ended = !command && run.sessionId === sessionId && run.activity === 'exited'
  useEffect(() => {
    if (ended) view.current?.markExited(run.exitCode)
  }, [ended, run.exitCode])

  useEffect(() => {
    if (visible) view.current?.focus()
  }, [visible, view])

  return (
    <div className={`h-full flex-col bg-panel ${visible ? 'flex' : 'hidden'}`}>
      <div className="flex h-9 shrink-0 items-center gap-3 border-b border-line px-4 text-xs text-muted">
        <span data-testid="terminal-status" data-status={offline ? 'offline' : status.kind} className="flex items-center gap-1.5">
          <span className={`size-1.5 rounded-full ${offline ? 'bg-danger' : statusDot[status.kind]}`} />
          {offline ? 'Disconnected — read-only until the connection is back' : statusText(status, command ? `"${command}"` : 'the agent')}
        </span>
        <form className="relative ml-auto flex items-center gap-1" onSubmit={(e) => (e.preventDefault(), view.current?.find(query))}>
          <Search size={12} className="pointer-events-none absolute left-2 text-muted" />
          <input aria-label="Search the terminal" placeholder="Search output" className={`${controlClass} h-7 w-48 py-0 pl-6 text-xs`} value={query} onChange={(e) => (setQuery(e.target.value), view.current?.find(e.target.value))} />
          <button type="button" aria-label="Previous match" className="rounded p-1 hover:bg-raised hover:text-fg" onClick={() => view.current?.find(query, true)}>
            <ChevronUp size={14} />
          </button>
          <button type="submit" aria-label="Next match" className="rounded p-1 hover:bg-raised hover:text-fg">
            <ChevronDown size={14} />
          </button>
        </form>
      </div>
      <div className="min-h-0 flex-1 px-3 py-2">
        <div ref={container} data-testid="terminal" className="h-full w-full" />
      </div>
    </div>
  )
}
