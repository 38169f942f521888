import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { GovernancePanel } from '../governance/GovernancePanel'
import { useQuery } from '../use-query'
import { QueryPane } from './PaneStates'

interface SnapshotValidation {
  validation?: { commands?: { name: string; argv: string[] }[] }
}

/** The run's gates, grades and violations (governance), with the checks the run was pinned to. */
export function GatesPane({ run }: { run: Run }) {
  const client = useClient()
  const query = useQuery(() => (run.constraintSnapshotId ? client.invoke('constraint.get', { id: run.constraintSnapshotId }) : Promise.resolve(null)), [client, run.constraintSnapshotId])
  return (
    <QueryPane query={query} what="gates">
      {(snapshot) => {
        const commands = (snapshot?.content as SnapshotValidation | undefined)?.validation?.commands ?? []
        return (
          <div data-testid="gates-pane" className="h-full">
            <GovernancePanel run={run} note={commands.length ? `Checks pinned for this run: ${commands.map((c) => c.name).join(', ')}.` : 'The repository’s policy pins no validation commands.'} />
          </div>
        )
      }}
    </QueryPane>
  )
}
