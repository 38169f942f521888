import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { issueStatuses } from '../../../shared/domain'
import { useApp } from '../app/context'
import { selectColumns } from '../state/selectors'
import { BoardColumn } from './BoardColumn'

export function Board() {
  const { issues, repoFilter, textFilter } = useApp(useShallow((s) => ({ issues: s.issues, repoFilter: s.repoFilter, textFilter: s.textFilter })))
  const columns = useMemo(() => selectColumns({ issues, repoFilter, textFilter }), [issues, repoFilter, textFilter])
  return (
    <div data-testid="board" className="flex h-full gap-3 overflow-x-auto p-4">
      {issueStatuses.map((status) => (
        <BoardColumn key={status} status={status} issues={columns[status]} />
      ))}
    </div>
  )
}
