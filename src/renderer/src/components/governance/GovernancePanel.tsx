import { useState } from 'react'
import type { GateName, ReviewStage, Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { QueryPane } from '../run/PaneStates'
import { MissingKeyNotice } from '../settings/MissingKeyNotice'
import { GateChecklist } from './GateChecklist'
import { GradeCard } from './GradeCard'
import { useGovernance } from './use-governance'
import { ViolationList } from './ViolationList'

/** A run's governance: its gates condition by condition, the grader's cards, and the violations with evidence. */
export function GovernancePanel({ run, note }: { run: Run; note?: string }) {
  const client = useClient()
  const query = useGovernance(run)
  const [busy, setBusy] = useState<GateName | ReviewStage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const act = (what: GateName | ReviewStage, work: () => Promise<unknown>) => {
    setBusy(what)
    setError(null)
    work()
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        setBusy(null)
        query.reload()
      })
  }
  return (
    <QueryPane query={query} what="governance">
      {({ gates, reviews, violations }) => (
        <div className="flex h-full min-h-0 flex-col">
          <MissingKeyNotice purpose="grading" />
          <div data-testid="governance-panel" className="grid min-h-0 flex-1 grid-cols-1 gap-4 overflow-y-auto bg-bg p-4 lg:grid-cols-[minmax(300px,1fr)_minmax(360px,1.3fr)]">
            <div className="space-y-3">
              {note && <p className="text-xs text-muted">{note}</p>}
              {error && <div role="alert" data-testid="governance-error" className="rounded border border-danger/40 bg-danger/10 p-2 text-xs text-danger">{error}</div>}
              <GateChecklist gates={gates} checking={busy === 'start' || busy === 'close' ? busy : null} onCheck={(gate) => act(gate, () => client.invoke('gate.check', { runId: run.id, gate }))} />
            </div>
            <div className="space-y-3">
              <GradeCard stage="completion" reviews={reviews} busy={busy === 'completion'} canReview={!!run.worktreePath} onReview={() => act('completion', () => client.invoke('review.completion', { runId: run.id }))} />
              <GradeCard stage="plan" reviews={reviews} busy={busy === 'plan'} canReview onReview={() => act('plan', () => client.invoke('review.plan', { runId: run.id }))} />
              <h3 className="pt-1 text-[13px] font-semibold">Violations <span className="font-normal text-muted">({violations.filter((v) => v.status === 'open').length} open)</span></h3>
              <ViolationList violations={violations} />
            </div>
          </div>
        </div>
      )}
    </QueryPane>
  )
}
