import { Pause, Play, X } from 'lucide-react'
import { useState } from 'react'
import type { LandingEntry } from '../../../../shared/contract'
import { useApp, useClient } from '../../app/context'
import { Button } from '../ui/Button'
import { entryStatus } from './landing-text'
import { useLandingQueue } from './use-landing-queue'

const tone: Record<LandingEntry['status'], string> = { landing: 'text-accent', queued: 'text-muted', returned: 'text-warn', blocked: 'text-danger', pull_request: 'text-accent' }

/** The landing queue above the runs board: each entry's step and reason; pause, resume, remove. */
export function LandingQueuePanel() {
  const client = useClient()
  const repoFilter = useApp((s) => s.repoFilter)
  const openRun = useApp((s) => s.openRun)
  const queue = useLandingQueue(repoFilter ?? undefined)
  const [error, setError] = useState<string | null>(null)
  const entries = queue.data?.entries ?? []
  const paused = (queue.data?.paused.length ?? 0) > 0
  if (entries.length === 0 && !paused) return null
  const act = (work: Promise<unknown>) => work.then(() => setError(null), (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  return (
    <section data-testid="landing-queue" aria-label="Landing queue" className="border-b border-line bg-panel px-4 py-2 text-xs">
      <div className="mb-1 flex items-center gap-2">
        <h2 className="font-medium text-fg">Landing queue</h2>
        <span className="text-muted">{paused ? 'paused' : `${entries.filter((e) => e.position).length} in line`}</span>
        <Button variant="ghost" className="ml-auto h-6 px-2 text-xs" onClick={() => void act(client.invoke(paused ? 'landing.resume' : 'landing.pause', { repoId: repoFilter ?? undefined }))}>
          {paused ? <Play size={12} /> : <Pause size={12} />} {paused ? 'Resume' : 'Pause'}
        </Button>
      </div>
      {error && <p role="alert" className="mb-1 text-danger">{error}</p>}
      <ol className="space-y-0.5">
        {entries.map((e) => (
          <li key={e.id} data-testid="landing-entry" data-status={e.status} className="flex items-center gap-3">
            <button type="button" className="min-w-0 flex-1 truncate text-left hover:underline" onClick={() => openRun(e.runId)}>
              {e.issueTitle || e.runId}
            </button>
            <span data-testid="landing-step" className={`whitespace-nowrap font-medium ${tone[e.status]}`}>{entryStatus(e)}</span>
            <span className="max-w-[40%] truncate text-muted" title={e.reason ?? undefined}>{e.reason ?? ''}</span>
            {e.attempts > 0 && <span className="text-muted tabular-nums">attempt {e.attempts}</span>}
            {e.status !== 'landing' && (
              <button type="button" aria-label={`Remove ${e.issueTitle} from the queue`} className="text-muted hover:text-fg" onClick={() => void act(client.invoke('landing.remove', { runId: e.runId }))}>
                <X size={12} />
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}
