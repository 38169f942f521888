import type { ReactNode } from 'react'
import type { ConstraintSnapshot, ContextPacket, Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { useQuery } from '../use-query'
import { QueryPane } from './PaneStates'

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-muted uppercase">{title}</h3>
      {children}
    </section>
  )
}

const List = ({ items, empty }: { items: string[]; empty: string }) =>
  items.length ? <ul className="list-disc space-y-0.5 pl-5 text-[13px]">{items.map((i) => <li key={i}>{i}</li>)}</ul> : <p className="text-xs text-muted">{empty}</p>

/** The briefing version and operating envelope the run was pinned to: exactly what the agent was told. */
export function ContextPane({ run }: { run: Run }) {
  const client = useClient()
  const query = useQuery(
    () =>
      Promise.all([
        client.invoke('issue.contextPackets', { issueId: run.issueId }),
        run.constraintSnapshotId ? client.invoke('constraint.get', { id: run.constraintSnapshotId }) : Promise.resolve(null)
      ]),
    [client, run.issueId, run.constraintSnapshotId]
  )
  return <QueryPane query={query} what="briefing">{([packets, snapshot]) => <ContextBody run={run} packets={packets} snapshot={snapshot} />}</QueryPane>
}

function ContextBody({ run, packets, snapshot }: { run: Run; packets: ContextPacket[]; snapshot: ConstraintSnapshot | null }) {
  const packet = packets.find((p) => p.id === run.contextPacketId)
  const latest = packets.at(-1)
  return (
    <div data-testid="context-pane" className="h-full overflow-y-auto">
      <div className="mx-auto grid max-w-5xl grid-cols-[1fr_320px] gap-6 p-6">
        <div className="space-y-5">
          {packet ? (
            <>
              <p className="text-xs text-muted">
                Briefing <span data-testid="packet-version" className="font-medium text-fg">v{packet.version}</span> of {packets.length}, written{' '}
                {new Date(packet.createdAt).toLocaleString()}.
                {latest && latest.id !== packet.id && <span className="text-warn"> The issue’s briefing is now v{latest.version}; this run did not see the newer answers.</span>}
              </p>
              <Block title="Summary"><p className="text-[13px] whitespace-pre-wrap">{packet.content.summary || '—'}</p></Block>
              {packet.content.instructions && <Block title="Instructions"><p className="text-[13px] whitespace-pre-wrap">{packet.content.instructions}</p></Block>}
              <Block title="Acceptance criteria"><List items={packet.content.acceptanceCriteria} empty="None given." /></Block>
              <Block title="Assumptions"><List items={packet.content.assumptions} empty="None recorded." /></Block>
              <Block title="Questions and answers">
                {packet.content.qa.length ? (
                  <dl className="space-y-2 text-[13px]">{packet.content.qa.map((q, i) => <div key={i}><dt className="font-medium">{q.question}</dt><dd className="text-fg/80">{q.answer}</dd></div>)}</dl>
                ) : <p className="text-xs text-muted">No questions answered when this version was written.</p>}
              </Block>
            </>
          ) : (
            <p className="text-xs text-danger">The run’s briefing {run.contextPacketId} is missing from the issue’s versions.</p>
          )}
        </div>
        <aside className="space-y-2 rounded-lg border border-line bg-panel p-4">
          <h3 className="text-[11px] font-semibold tracking-wide text-muted uppercase">Constraint snapshot</h3>
          {snapshot ? (
            <pre data-testid="constraint-snapshot" className="overflow-x-auto font-mono text-[11px] leading-relaxed whitespace-pre-wrap">{JSON.stringify(snapshot.content, null, 2)}</pre>
          ) : (
            <p className="text-xs text-muted">This run was queued without a constraint snapshot.</p>
          )}
        </aside>
      </div>
    </div>
  )
}
