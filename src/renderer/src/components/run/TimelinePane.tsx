import type { ReactNode } from 'react'
import type { EventEnvelope } from '../../../../shared/contract'
import { describeStartPoint, type Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { entryStatus } from '../landing/landing-text'
import { RunStateBadge } from '../RunStateBadge'
import { useQuery } from '../use-query'
import { QueryPane } from './PaneStates'

function describe(e: EventEnvelope): { what: ReactNode; note?: string } {
  if (e.topic === 'run.created') {
    // Events written before runs had start points carry none.
    const start = (e.payload as EventEnvelope<'run.created'>['payload']).run.startPoint
    return { what: 'Queued', note: start ? `started from ${describeStartPoint(start)}` : undefined }
  }
  if (e.topic === 'run.signal') {
    const { hook } = e.payload as EventEnvelope<'run.signal'>['payload']
    return { what: <>Agent hook <code className="font-mono">{hook}</code></> }
  }
  if (e.topic === 'run.updated') {
    const { run, from, reason } = e.payload as EventEnvelope<'run.updated'>['payload']
    if (from && from !== run.state) return { what: <span className="flex items-center gap-1.5"><RunStateBadge state={from} /> → <RunStateBadge state={run.state} /></span>, note: reason ?? run.detail ?? undefined }
    return { what: `Activity: ${run.activity.replace('_', ' ')}`, note: reason }
  }
  if (e.topic === 'landing.updated') {
    const { entry } = e.payload as EventEnvelope<'landing.updated'>['payload']
    return { what: `Landing: ${entryStatus(entry)}`, note: entry.reason ?? undefined }
  }
  if (e.topic === 'landing.removed') return { what: 'Left the landing queue', note: (e.payload as EventEnvelope<'landing.removed'>['payload']).reason }
  if (e.topic === 'landing.pullRequest') {
    const { kind, message, pullRequest } = e.payload as EventEnvelope<'landing.pullRequest'>['payload']
    return { what: `Pull request${pullRequest.number !== null ? ` #${pullRequest.number}` : ''}: ${kind.replace('_', ' ')}`, note: message }
  }
  if (e.topic === 'run.checkpoint') {
    const { checkpoint } = e.payload as EventEnvelope<'run.checkpoint'>['payload']
    return { what: `Checkpoint ${checkpoint.n}: ${checkpoint.filesChanged} file(s) changed`, note: checkpoint.prompt ?? undefined }
  }
  if (e.topic === 'run.rewound') {
    const { n, saved } = e.payload as EventEnvelope<'run.rewound'>['payload']
    return { what: `Rewound to checkpoint ${n}`, note: `what the worktree held is on ${saved.ref}` }
  }
  return { what: e.topic }
}

/** Every event recorded about the run, oldest first: how it got where it is. */
export function TimelinePane({ run }: { run: Run }) {
  const client = useClient()
  const query = useQuery(() => client.invoke('event.forEntity', { entity: run.id }), [client, run.id, run.updatedAt])
  return (
    <QueryPane query={query} what="timeline">
      {(events) => (
        <div className="h-full overflow-y-auto">
          <ol data-testid="timeline" className="mx-auto max-w-3xl space-y-0 p-6">
            {events.map((e) => {
              const { what, note } = describe(e)
              return (
                <li key={e.id} data-topic={e.topic} className="relative flex gap-4 border-l border-line pb-4 pl-5 last:pb-0">
                  <span className="absolute top-1.5 -left-[4.5px] size-2 rounded-full bg-accent" />
                  <time className="w-20 shrink-0 font-mono text-[11px] text-muted tabular-nums">{new Date(e.ts).toLocaleTimeString()}</time>
                  <div className="min-w-0 text-[13px]">
                    {what}
                    {note && <p className="mt-0.5 text-xs text-muted">{note}</p>}
                  </div>
                </li>
              )
            })}
          </ol>
        </div>
      )}
    </QueryPane>
  )
}
