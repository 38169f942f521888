import { ExternalLink, Play, Square } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { RunCommandInfo } from '../../../../shared/contract'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { Button } from '../ui/Button'
import { useQuery } from '../use-query'
import { TerminalPane } from './TerminalPane'

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Reloads on the run's environment events and, for what has none (a port starting to listen), every 3 s. */
function useEnvironmentTick(run: Run): number {
  const client = useClient()
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 3_000)
    const off = client.subscribe((e) => {
      if (e.entity === run.id && (e.topic === 'run.command' || e.topic === 'run.ports' || e.topic === 'run.environment')) setTick((t) => t + 1)
    })
    return () => (clearInterval(timer), off())
  }, [client, run.id])
  return tick
}

function Ports({ run, tick }: { run: Run; tick: number }) {
  const client = useClient()
  const host = useHost()
  const ports = useQuery(() => client.invoke('run.ports', { runId: run.id }), [client, run.id, tick])
  return (
    <section aria-labelledby="env-ports" className="px-4 py-3">
      <h3 id="env-ports" className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-muted">Ports</h3>
      {ports.error && <p role="alert" className="text-xs text-danger">{ports.error}</p>}
      {ports.data?.length === 0 && <p className="text-xs text-muted">No ports leased: the policy's environment.ports is 0, or the worktree was cleaned up.</p>}
      <ul data-testid="env-ports" className="flex flex-wrap gap-2">
        {ports.data?.map((p) => (
          <li key={p.port} data-testid="env-port" data-port={p.port} data-listening={p.listening} className="flex items-center gap-1.5 rounded-md border border-line px-2 py-1 font-mono text-xs">
            <span className={`size-1.5 rounded-full ${p.listening ? 'bg-ok' : 'bg-muted/50'}`} aria-hidden />
            {p.listening ? (
              <a href={`http://127.0.0.1:${p.port}/`} onClick={(e) => (e.preventDefault(), host.openExternal(`http://127.0.0.1:${p.port}/`))} className="inline-flex items-center gap-1 text-accent hover:underline">
                {p.port} <ExternalLink size={11} />
              </a>
            ) : (
              <span>{p.port}</span>
            )}
            <span className="text-muted">{p.variable === 'FLIGHTDECK_PORT' ? '$PORT' : `$${p.variable}`}</span>
            <span className="sr-only">{p.listening ? 'listening' : 'not listening'}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}

const stateText = (c: RunCommandInfo) => (c.state === 'running' ? 'running' : c.state === 'exited' ? `exited ${c.exitCode ?? '?'}` : 'not started')

function Commands({ run, tick }: { run: Run; tick: number }) {
  const client = useClient()
  const commands = useQuery(() => client.invoke('run.command.list', { runId: run.id }), [client, run.id, tick])
  const [shown, setShown] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const list = commands.data ?? []
  const selected = list.find((c) => c.name === shown && c.sessionId) ?? list.find((c) => c.state === 'running') ?? list.find((c) => c.sessionId)

  async function act(c: RunCommandInfo) {
    setBusy(c.name)
    setError(null)
    try {
      await client.invoke(c.state === 'running' ? 'run.command.stop' : 'run.command.start', { runId: run.id, name: c.name })
      setShown(c.name)
      commands.reload()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  const noWorktree = run.worktreePath ? undefined : 'The run has no worktree any more'
  return (
    <section aria-labelledby="env-commands" className="flex min-h-0 flex-1 flex-col border-t border-line">
      <h3 id="env-commands" className="px-4 pt-3 pb-2 text-[11px] font-semibold uppercase tracking-wide text-muted">Commands</h3>
      {commands.error && <p role="alert" className="px-4 text-xs text-danger">{commands.error}</p>}
      {commands.data && list.length === 0 && (
        <p className="px-4 pb-3 text-xs text-muted">
          No named commands. Add a dev server or the tests to the repository's policy: <code className="font-mono">"environment": {'{'} "commands": [{'{'} "name": "dev", "argv": ["npm", "run", "dev"] {'}'}] {'}'}</code>
        </p>
      )}
      <ul className="px-4">
        {list.map((c) => (
          <li key={c.name} data-testid="env-command" data-name={c.name} data-state={c.state} className={`flex items-center gap-3 rounded-md px-2 py-1.5 ${selected?.name === c.name ? 'bg-raised' : ''}`}>
            <button type="button" className="min-w-0 flex-1 text-left disabled:cursor-default" disabled={!c.sessionId} onClick={() => setShown(c.name)} aria-label={`Show the terminal of ${c.name}`}>
              <span className="font-mono text-[13px] font-medium">{c.name}</span>
              <span className="ml-2 truncate font-mono text-xs text-muted">{c.argv.join(' ')}</span>
            </button>
            <span data-testid="env-command-state" className={`text-xs ${c.state === 'running' ? 'text-ok' : c.state === 'exited' && c.exitCode !== 0 ? 'text-danger' : 'text-muted'}`}>{stateText(c)}</span>
            <Button onClick={() => void act(c)} disabled={busy !== null || (c.state !== 'running' && Boolean(noWorktree))} disabledReason={noWorktree}>
              {c.state === 'running' ? <><Square size={12} /> Stop</> : <><Play size={12} /> {c.state === 'exited' ? 'Run again' : 'Start'}</>}
            </Button>
          </li>
        ))}
      </ul>
      {error && <p role="alert" data-testid="env-command-error" className="px-4 py-1 text-xs text-danger">{error}</p>}
      {selected?.sessionId && (
        <div data-testid="env-command-terminal" data-name={selected.name} className="mt-2 min-h-64 flex-1 border-t border-line">
          <TerminalPane key={selected.sessionId} run={run} sessionId={selected.sessionId} visible command={selected.name} />
        </div>
      )}
    </section>
  )
}

function SetupLog({ run, tick }: { run: Run; tick: number }) {
  const client = useClient()
  const log = useQuery(() => client.invoke('run.environment.log', { runId: run.id }), [client, run.id, tick])
  const text = [log.data?.setup, log.data?.teardown].filter(Boolean).join('\n')
  return (
    <section aria-labelledby="env-setup" className="border-t border-line px-4 py-3">
      <h3 id="env-setup" className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-muted">Setup and teardown</h3>
      {log.error && <p role="alert" className="text-xs text-danger">{log.error}</p>}
      {log.data && !text && <p className="text-xs text-muted">No setup commands ran for this worktree (policy environment.setup).</p>}
      {text && <pre data-testid="env-setup-log" className="max-h-56 overflow-auto rounded-md bg-raised p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap">{text}</pre>}
    </section>
  )
}

/** The run's worktree as a place to work in: its leased ports (links when listening), named commands with their terminals, and the setup log. */
export function EnvironmentPane({ run }: { run: Run }) {
  const tick = useEnvironmentTick(run)
  return (
    <div data-testid="environment-pane" className="flex h-full flex-col overflow-y-auto">
      <Ports run={run} tick={tick} />
      <SetupLog run={run} tick={tick} />
      <Commands run={run} tick={tick} />
    </div>
  )
}
