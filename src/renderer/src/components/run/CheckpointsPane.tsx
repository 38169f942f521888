import { ExternalLink, GitFork, RotateCcw, Undo2 } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { RunCheckpoint } from '../../../../shared/contract'
import type { RunSnapshot } from '../../../../shared/contract/runs'
import type { Run } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { Dialog } from '../ui/Dialog'
import { useQuery } from '../use-query'
import { DiffView } from './DiffView'
import { QueryPane } from './PaneStates'

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** The diff between two checkpoints (0: the worktree's HEAD before the first). */
function CheckpointDiff({ run, list }: { run: Run; list: RunCheckpoint[] }) {
  const client = useClient()
  const last = list.at(-1)?.n ?? 0
  const [from, setFrom] = useState(Math.max(0, last - 1))
  const [to, setTo] = useState(last)
  const query = useQuery(() => client.invoke('run.checkpointDiff', { id: run.id, from, to }), [client, run.id, from, to])
  const options = [{ n: 0, label: 'start (HEAD)' }, ...list.map((c) => ({ n: c.n, label: `#${c.n}` }))]
  const pick = (value: number, set: (n: number) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => set(Number(e.target.value))} className="h-7 rounded-md border border-line bg-raised px-2 text-xs">
      {options.map((o) => <option key={o.n} value={o.n}>{o.label}</option>)}
    </select>
  )
  return (
    <section className="border-t border-line">
      <div className="flex items-center gap-2 px-4 pt-3 text-xs text-muted">
        Compare {pick(from, setFrom, 'Compare from')} with {pick(to, setTo, 'Compare to')}
      </div>
      <QueryPane query={query} what="checkpoint diff">{({ diff }) => <DiffView diff={diff} />}</QueryPane>
    </section>
  )
}

/**
 * The run's checkpoints, one per agent turn that changed files: when, how many files, the turn's prompt; a diff
 * between any two; "Rewind to here" (confirmed; what the worktree holds is saved first) with an undo; "Fork from
 * here": a new run of the same issue, with the same agent, whose branch starts at exactly that checkpoint's files.
 */
export function CheckpointsPane({ run }: { run: Run }) {
  const client = useClient()
  const [tick, setTick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), 3_000)
    return () => clearInterval(timer)
  }, [])
  const query = useQuery(() => client.invoke('run.checkpoints', { id: run.id }), [client, run.id, run.updatedAt, tick])
  const [confirm, setConfirm] = useState<RunCheckpoint | null>(null)
  const [undo, setUndo] = useState<{ n: number; saved: RunSnapshot } | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [forked, setForked] = useState<string | null>(null)
  const openRun = useApp((s) => s.openRun)

  async function fork(c: RunCheckpoint) {
    setBusy(true)
    setError(null)
    try {
      // The shell agent's command is the run's own argv; other agents take theirs from the profile.
      const argv = run.agentProfile === 'shell' && run.argv.length ? { argv: run.argv } : {}
      const started = await client.invoke('run.start', { issueId: run.issueId, agent: run.agentProfile, ...argv, from: { runId: run.id, checkpoint: c.n } })
      setUndo(null)
      setForked(started.id)
      setNote(`Forked from checkpoint ${c.n}: run ${started.id.slice(-8)} is ${started.state}.`)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  async function rewind(c: RunCheckpoint) {
    setBusy(true)
    setError(null)
    try {
      const r = await client.invoke('run.rewind', { id: run.id, n: c.n })
      setUndo({ n: c.n, saved: r.saved })
      setForked(null)
      setNote(`Rewound to checkpoint ${c.n}: ${r.files.length} file(s) changed.${r.laterCommits ? ` ${r.laterCommits} later commit(s) stay on the branch.` : ''}`)
      setConfirm(null)
      setTick((t) => t + 1)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  async function undoRewind() {
    if (!undo) return
    setBusy(true)
    try {
      await client.invoke('run.undoRewind', { id: run.id, snapshot: undo.saved.n })
      setNote(`Rewind to checkpoint ${undo.n} undone.`)
      setUndo(null)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <QueryPane query={query} what="checkpoints">
      {(list) => (
        <div data-testid="checkpoints" className="h-full overflow-y-auto">
          {list.length === 0 ? (
            <p className="p-6 text-center text-xs text-muted">No checkpoints yet. One is taken after each agent turn that changed files.</p>
          ) : (
            <>
              <table className="w-full text-[13px]">
                <thead className="text-left text-[11px] uppercase tracking-wide text-muted">
                  <tr className="border-b border-line">
                    <th className="px-4 py-2 font-medium">#</th>
                    <th className="px-2 py-2 font-medium">Time</th>
                    <th className="px-2 py-2 font-medium">Files</th>
                    <th className="px-2 py-2 font-medium">Prompt</th>
                    <th className="px-4 py-2" />
                  </tr>
                </thead>
                <tbody>
                  {[...list].reverse().map((c) => (
                    <tr key={c.n} data-testid="checkpoint" data-n={c.n} className="border-b border-line/60">
                      <td className="px-4 py-2 font-mono text-xs tabular-nums">{c.n}</td>
                      <td className="px-2 py-2 font-mono text-xs text-muted tabular-nums">{new Date(c.at).toLocaleTimeString()}</td>
                      <td className="px-2 py-2 text-xs tabular-nums" title={c.files.join('\n')}>{c.filesChanged}</td>
                      <td className="max-w-0 truncate px-2 py-2 text-xs" title={c.prompt ?? ''}>{c.prompt ?? <span className="text-muted">—</span>}</td>
                      <td className="whitespace-nowrap px-4 py-1.5 text-right">
                        <span className="inline-flex gap-2">
                          <Button onClick={() => void fork(c)} disabled={busy} title="Start a new run of this issue from this checkpoint's files"><GitFork size={13} /> Fork from here</Button>
                          <Button onClick={() => setConfirm(c)} disabled={busy}><RotateCcw size={13} /> Rewind to here</Button>
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <CheckpointDiff run={run} list={list} />
            </>
          )}
          {confirm && (
            <Dialog
              title={`Rewind to checkpoint ${confirm.n}?`}
              onClose={() => setConfirm(null)}
              footer={
                <>
                  <Button variant="ghost" onClick={() => setConfirm(null)}>Cancel</Button>
                  <Button variant="danger" disabled={busy} onClick={() => void rewind(confirm)}>Rewind</Button>
                </>
              }
            >
              <p className="text-[13px] leading-relaxed">
                The worktree's files go back to how they were at {new Date(confirm.at).toLocaleTimeString()}. What they hold now is saved first, so you can undo this. Branch commits stay; the agent is told.
              </p>
              {error && <p role="alert" className="text-xs text-danger">{error}</p>}
            </Dialog>
          )}
          {note && (
            <div role="status" data-testid="rewind-toast" className="fixed right-4 bottom-10 z-50 flex w-80 items-start gap-2.5 rounded-lg border border-line bg-panel p-3 shadow-xl">
              <p className="min-w-0 flex-1 text-[13px]">{note}</p>
              {undo && <Button onClick={() => void undoRewind()} disabled={busy}><Undo2 size={13} /> Undo</Button>}
              {forked && <Button onClick={() => openRun(forked)}><ExternalLink size={13} /> Open run</Button>}
              <button type="button" aria-label="Dismiss" onClick={() => (setNote(null), setUndo(null), setForked(null))} className="rounded p-0.5 text-xs text-muted hover:bg-raised">✕</button>
            </div>
          )}
          {error && !confirm && <p role="alert" className="p-4 text-xs text-danger">{error}</p>}
        </div>
      )}
    </QueryPane>
  )
}
