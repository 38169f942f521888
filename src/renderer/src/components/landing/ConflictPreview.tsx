import { Copy, GitMerge, RefreshCw, Wrench } from 'lucide-react'
import { useState } from 'react'
import type { CommandOutput, LandingEntry } from '../../../../shared/contract'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { Button } from '../ui/Button'
import { useQuery } from '../use-query'

/**
 * The conflict that stopped the landing, as it stands now against the base: each file's hunks (the base's side
 * and this run's), the runs that landed the other side; Resolve by hand (the worktree and what to type), Re-check.
 */
export function ConflictPreview({ run, entry }: { run: Run; entry: LandingEntry }) {
  const client = useClient()
  const host = useHost()
  const [byHand, setByHand] = useState(false)
  const [copied, setCopied] = useState<string | null>(null)
  const [landError, setLandError] = useState<string | null>(null)
  const query = useQuery(() => client.invoke('landing.conflict', { runId: run.id }), [client, run.id, entry.updatedAt])
  const [rechecked, setRechecked] = useState<CommandOutput<'landing.recheck'> | null>(null)
  const [checking, setChecking] = useState(false)
  const [checkError, setCheckError] = useState<string | null>(null)
  const preview = rechecked?.preview ?? query.data?.preview
  const recheck = () => {
    setChecking(true)
    client.invoke('landing.recheck', { runId: run.id }).then(
      (r) => { setRechecked(r); setCheckError(null) },
      (e: unknown) => setCheckError(e instanceof Error ? e.message : String(e))
    ).finally(() => setChecking(false))
  }
  const copy = (what: string, text: string) => void host.copyText(text).then(() => setCopied(what), () => setCopied(null))
  const base = preview?.baseBranch ?? run.baseBranch ?? 'the base'
  const commands = preview?.worktreePath ? `cd '${preview.worktreePath.replaceAll("'", "'\\''")}' && git rebase ${base}` : ''
  return (
    <div data-testid="conflict-preview" className="mt-2 space-y-2">
      {query.error && <p className="text-danger">{query.error}</p>}
      {preview && preview.files.length === 0 && (
        <p data-testid="conflict-clear" className="flex items-center gap-2 text-ok">
          No conflict left with {base} (checked {new Date(preview.checkedAt).toLocaleTimeString()}).
          <Button variant="primary" className="h-6 px-2 text-xs" onClick={() => void client.invoke('landing.enqueue', { runId: run.id }).then(() => setLandError(null), (e: unknown) => setLandError(e instanceof Error ? e.message : String(e)))}>
            <GitMerge size={12} /> Re-queue
          </Button>
        </p>
      )}
      {landError && <p className="text-danger">{landError}</p>}
      {checkError && <p className="text-danger">{checkError}</p>}
      {rechecked && rechecked.preview?.files.length === 0 && (
        <ul data-testid="recheck-results" className="space-y-0.5">
          {rechecked.checks.length === 0 && <li className="text-muted">The policy has no validation commands to run.</li>}
          {rechecked.checks.map((c) => (
            <li key={c.name} data-testid="recheck-result" data-passed={c.passed}>
              <span className={c.passed ? 'text-ok' : 'text-danger'}>{c.passed ? 'passed' : `failed (exit ${c.exitCode ?? 'none'})`}</span> <span className="font-medium">{c.name}</span>
              {!c.passed && c.tail && <pre className="mt-0.5 whitespace-pre-wrap font-mono text-[11px] text-muted">{c.tail}</pre>}
            </li>
          ))}
        </ul>
      )}
      {preview && preview.others.length > 0 && (
        <div data-testid="conflict-others">
          <p className="text-muted">The other side, landed on {base}:</p>
          <ul className="mt-0.5 space-y-0.5">
            {preview.others.map((o) => (
              <li key={o.sha}>
                <span className="font-medium">{o.issueTitle ?? o.subject}</span>
                <span className="ml-1.5 font-mono text-[11px] text-muted">{o.runId ? `run ${o.runId.slice(-8)} · ` : ''}{o.sha.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
          <p className="mt-0.5 text-muted">This run: <span className="font-medium text-fg">{preview.issueTitle}</span> <span className="font-mono text-[11px]">({preview.branch})</span></p>
        </div>
      )}
      {preview?.files.map((f) => (
        <section key={f.path} data-testid="conflict-file" className="overflow-hidden rounded border border-line bg-bg">
          <h4 className="border-b border-line px-2 py-1 font-mono text-[11px]">{f.path}</h4>
          {f.hunks.map((hunk) => (
            <div key={hunk.line} data-testid="conflict-hunk" className="grid grid-cols-2 border-b border-line font-mono text-[11px] last:border-b-0">
              <div className="border-r border-line bg-danger/5 px-2 py-1">
                <p className="text-muted">{base} · line {hunk.line}</p>
                <pre data-testid="hunk-base" className="whitespace-pre-wrap">{hunk.base.join('\n') || '(nothing)'}</pre>
              </div>
              <div className="bg-accent/5 px-2 py-1">
                <p className="text-muted">this run</p>
                <pre data-testid="hunk-run" className="whitespace-pre-wrap">{hunk.run.join('\n') || '(nothing)'}</pre>
              </div>
            </div>
          ))}
        </section>
      ))}
      <div className="flex flex-wrap gap-2">
        <Button className="h-7 px-2 text-xs" onClick={() => setByHand((v) => !v)} aria-expanded={byHand}>
          <Wrench size={12} /> Resolve by hand
        </Button>
        <Button className="h-7 px-2 text-xs" onClick={recheck} disabled={checking}>
          <RefreshCw size={12} className={checking ? 'animate-spin' : ''} /> Re-check
        </Button>
      </div>
      {byHand && (
        <div data-testid="resolve-by-hand" className="space-y-1 rounded border border-line bg-bg px-2 py-1.5">
          {preview?.worktreePath ? (
            <>
              <p className="flex items-center gap-1.5">
                <span className="text-muted">Worktree</span>
                <code data-testid="worktree-path" className="font-mono text-[11px]">{preview.worktreePath}</code>
                <button type="button" aria-label="Copy the worktree path" onClick={() => copy('path', preview.worktreePath as string)} className="rounded p-1 text-muted hover:bg-raised hover:text-fg"><Copy size={12} /></button>
                {copied === 'path' && <span className="text-ok">copied</span>}
              </p>
              <p className="flex items-center gap-1.5">
                <span className="text-muted">In a terminal</span>
                <code className="font-mono text-[11px]">{commands}</code>
                <button type="button" aria-label="Copy the commands" onClick={() => copy('commands', commands)} className="rounded p-1 text-muted hover:bg-raised hover:text-fg"><Copy size={12} /></button>
                {copied === 'commands' && <span className="text-ok">copied</span>}
              </p>
              <p className="text-muted">Resolve the files, <code className="font-mono">git add</code> them and <code className="font-mono">git rebase --continue</code>; then Re-check, and Re-queue.</p>
            </>
          ) : (
            <p className="text-muted">The run has no worktree any more (it was cleaned up).</p>
          )}
        </div>
      )}
    </div>
  )
}
