import { ExternalLink, GitPullRequest } from 'lucide-react'
import { useEffect } from 'react'
import type { PullRequestInfo } from '../../../../shared/contract'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { useHost } from '../../host/host-context'
import { useQuery } from '../use-query'

const tone = (result: string) => (['success', 'neutral', 'skipped', 'APPROVED'].includes(result) ? 'text-ok' : ['failure', 'timed_out', 'cancelled', 'action_required', 'CHANGES_REQUESTED'].includes(result) ? 'text-danger' : 'text-muted')

const stateText: Record<PullRequestInfo['state'], string> = { none: 'not opened yet', open: 'open', closed: 'closed', merged: 'merged' }

/** The run's pull request (pull-request landing): its link and state, its checks and reviews, the last fault. */
export function RunPullRequest({ run }: { run: Run }) {
  const client = useClient()
  const host = useHost()
  const query = useQuery(() => client.invoke('landing.pullRequest', { runId: run.id }), [client, run.id])
  const { reload } = query
  useEffect(() => client.subscribe((e) => void (e.topic === 'landing.pullRequest' && e.entity === run.id && reload())), [client, run.id, reload])
  const pr = query.data?.pullRequest
  if (!pr) return null
  return (
    <div data-testid="run-pull-request" data-state={pr.state} className="mx-5 mb-3 flex gap-2 rounded-md border border-line bg-panel px-3 py-2 text-xs">
      <GitPullRequest size={14} className={`mt-px shrink-0 ${pr.state === 'merged' ? 'text-ok' : pr.state === 'closed' ? 'text-danger' : 'text-accent'}`} />
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-x-2 font-medium">
          {pr.number !== null && pr.url ? (
            <a href={pr.url} onClick={(e) => { e.preventDefault(); host.openExternal(pr.url as string) }} className="inline-flex items-center gap-1 text-accent hover:underline">
              {pr.repository}#{pr.number} <ExternalLink size={11} />
            </a>
          ) : (
            <span>Pull request to {pr.repository}</span>
          )}
          <span data-testid="pr-state" className="text-muted">{stateText[pr.state]}</span>
          <span className="font-mono text-[11px] text-muted">{pr.remote}/{pr.branch}{pr.headSha ? ` @ ${pr.headSha.slice(0, 10)}` : ''}</span>
        </p>
        {(pr.checks.length > 0 || pr.reviews.length > 0) && (
          <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5">
            {pr.checks.map((c) => <li key={`c-${c.name}`} data-testid="pr-check"><span className="text-muted">{c.name}</span> <span className={tone(c.result)}>{c.result.replace('_', ' ')}</span></li>)}
            {pr.reviews.map((r) => <li key={`r-${r.user}`} data-testid="pr-review"><span className="text-muted">{r.user}</span> <span className={tone(r.state)}>{r.state.toLowerCase().replace('_', ' ')}</span></li>)}
          </ul>
        )}
        {pr.lastError && <p data-testid="pr-error" className="mt-1 text-danger">{pr.lastError}</p>}
      </div>
    </div>
  )
}
