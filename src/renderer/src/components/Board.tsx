import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { issueStatuses } from '../../../shared/domain'
import { useApp } from '../app/context'
import { latestRunByIssue } from '../state/run-selectors'
import { selectColumns } from '../state/selectors'
import { BoardColumn } from './BoardColumn'

export function Board() {
  const { issues, repoFilter, textFilter } = useApp(useShallow((s) => ({ issues: s.issues, repoFilter: s.repoFilter, textFilter: s.textFilter })))
  const runs = useApp((s) => s.runs)
  const columns = useMemo(() => selectColumns({ issues, repoFilter, textFilter }), [issues, repoFilter, textFilter])
  const latestRuns = useMemo(() => latestRunByIssue(runs), [runs])
  return (
    <div data-testid="board" className="flex h-full gap-3 overflow-x-auto p-4">
      {issueStatuses.map((status) => (
        <BoardColumn key={status} status={status} issues={columns[status]} latestRuns={latestRuns} />
      ))}
    </div>
  )
}
