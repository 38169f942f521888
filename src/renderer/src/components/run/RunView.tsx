import { SearchX, SquareTerminal } from 'lucide-react'
import { useState } from 'react'
import type { Run } from '../../../../shared/domain'
import { useApp, useClient } from '../../app/context'
import { EmptyState } from '../EmptyState'
import { Button } from '../ui/Button'
import { useQuery } from '../use-query'
import { ChangesPane } from './ChangesPane'
import { CleanupDialog } from './CleanupDialog'
import { ContextPane } from './ContextPane'
import { GatesPane } from './GatesPane'
import { RunActionBar } from './RunActionBar'
import { RunHeader } from './RunHeader'
import { RunNotices } from './RunNotices'
import { RunTabs, type RunTab } from './RunTabs'
import { CheckpointsPane } from './CheckpointsPane'
import { EnvironmentPane } from './EnvironmentPane'
import { TerminalPane } from './TerminalPane'
import { TimelinePane } from './TimelinePane'
import { useRunAction } from './use-run-action'
import { landBlockers, landNotes } from '../landing/landing-text'
import { RunLandingNotice } from '../landing/RunLandingNotice'
import { RunPullRequest } from '../landing/RunPullRequest'
import { UsagePane } from '../usage/UsagePane'

/** The open run, full width: who and where, the actions, and its terminal or its changes. */
export function RunView() {
  const run = useApp((s) => (s.openRunId ? s.runs[s.openRunId] : undefined))
  const showBoard = useApp((s) => s.showBoard)
  if (!run) {
    return (
      <EmptyState icon={SearchX} title="This run is not known here" action={<Button onClick={showBoard}>Back to the board</Button>}>
        It may belong to a database this window has not loaded yet.
      </EmptyState>
    )
  }
  return <RunDetails key={run.id} run={run} />
}

function RunDetails({ run }: { run: Run }) {
  const client = useClient()
  const issue = useApp((s) => s.issues[run.issueId])
  const tab = useApp((s) => (s.runTab ?? 'terminal') as RunTab)
  const setTab = useApp((s) => s.openRunTab)
  const [cleanupOpen, setCleanupOpen] = useState(false)
  const [cleanupNote, setCleanupNote] = useState<string | null>(null)
  const actions = useRunAction()
  const agents = useQuery(() => client.invoke('agent.list', { repoId: run.repoId }), [client, run.repoId])
  const ready = run.state === 'ready_to_merge'
  const mergeCheck = useQuery(() => (ready ? client.invoke('run.mergeCheck', { id: run.id }) : Promise.resolve(undefined)), [client, run.id, run.updatedAt, ready])
  // Landing rebases a branch that is behind and hands conflicts to the agent: only what stops it from starting blocks it.
  const blockers = ready && mergeCheck.data ? landBlockers(mergeCheck.data) : undefined
  const notes = ready && mergeCheck.data ? landNotes(mergeCheck.data, run.baseBranch ?? 'the base') : []

  return (
    <div data-testid="run-view" data-run-id={run.id} className="flex h-full flex-col">
      <RunHeader
        run={run}
        issue={issue}
        actions={<RunActionBar run={run} agent={agents.data?.find((a) => a.name === run.agentProfile)} actions={actions} mergeBlockers={blockers} onCleanup={() => setCleanupOpen(true)} />}
      />
      <RunNotices error={actions.error} onDismiss={actions.clearError} mergeBlockers={blockers} mergeCheckError={ready ? mergeCheck.error : null} cleanupNote={cleanupNote} />
      {notes.length > 0 && (
        <ul data-testid="land-notes" className="mx-5 mb-2 list-disc pl-4 text-xs text-muted">
          {notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      <RunLandingNotice run={run} />
      <RunPullRequest run={run} />
      <RunTabs tab={tab} onTab={setTab} />
      <div className="relative min-h-0 flex-1">
        {run.sessionId ? (
          <TerminalPane key={run.sessionId} run={run} sessionId={run.sessionId} visible={tab === 'terminal'} />
        ) : (
          tab === 'terminal' && (
            <EmptyState icon={SquareTerminal} title="No terminal yet">
              The agent has not started: the run is {run.state}. {run.detail}
            </EmptyState>
          )
        )}
        {tab === 'changes' && <ChangesPane run={run} />}
        {tab === 'checkpoints' && <CheckpointsPane run={run} />}
        {tab === 'environment' && <EnvironmentPane run={run} />}
        {tab === 'context' && <ContextPane run={run} />}
        {tab === 'timeline' && <TimelinePane run={run} />}
        {tab === 'gates' && <GatesPane run={run} />}
        {tab === 'usage' && <UsagePane run={run} />}
      </div>
      {cleanupOpen && (
        <CleanupDialog
          run={run}
          onClose={() => setCleanupOpen(false)}
          onDone={(note) => {
            setCleanupNote(note)
            setCleanupOpen(false)
          }}
        />
      )}
    </div>
  )
}

