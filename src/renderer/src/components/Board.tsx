import { useCallback, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { IssueStatus } from '../../../shared/domain'
import { issueStatuses } from '../../../shared/domain'
import { useApp, useClient } from '../app/context'
import { latestRunByIssue } from '../state/run-selectors'
import { selectColumns } from '../state/selectors'
import { BoardColumn } from './BoardColumn'
import { FilterBar } from './runs-board/FilterBar'
import { refusalOf } from './runs-board/issue-drag'

/** The issue board: a column per status; drag a card to another column to move the issue. */
export function Board() {
  const client = useClient()
  const filters = useApp(
    useShallow((s) => ({ issues: s.issues, repoFilter: s.repoFilter, textFilter: s.textFilter, agentFilter: s.agentFilter, labelFilter: s.labelFilter, priorityFilter: s.priorityFilter }))
  )
  const runs = useApp((s) => s.runs)
  const push = useApp((s) => s.pushNotification)
  const latestRuns = useMemo(() => latestRunByIssue(runs), [runs])
  const columns = useMemo(() => selectColumns(filters, (id) => latestRuns.get(id)?.agentProfile), [filters, latestRuns])
  const [dragging, setDragging] = useState<IssueStatus | null>(null)
  const shown = issueStatuses.reduce((n, s) => n + columns[s].length, 0)

  const drop = useCallback(
    (issueId: string, to: IssueStatus) => {
      setDragging(null)
      const issue = filters.issues[issueId]
      if (!issue || issue.status === to) return
      const why = refusalOf(issue.status, to)
      const refuse = (body: string) => push({ id: `drop:${issueId}:${to}:${Date.now()}`, title: `“${issue.title}” was not moved`, body, severity: 'warning', target: { kind: 'view', view: 'board' } })
      if (why) return refuse(why)
      client.invoke('issue.transition', { id: issueId, to }).catch((e: unknown) => refuse(e instanceof Error ? e.message : String(e)))
    },
    [client, filters.issues, push]
  )

  return (
    <div className="flex h-full flex-col">
      <FilterBar shown={shown} total={Object.keys(filters.issues).length} noun="issues" />
      <div data-testid="board" className="flex min-h-0 flex-1 gap-3 overflow-x-auto p-4" onDragEnd={() => setDragging(null)}>
        {issueStatuses.map((status) => (
          <BoardColumn
            key={status}
            status={status}
            issues={columns[status]}
            latestRuns={latestRuns}
            drop={dragging ? (refusalOf(dragging, status) ? 'refused' : dragging === status ? 'self' : 'allowed') : null}
            onDragFrom={setDragging}
            onDrop={drop}
          />
        ))}
      </div>
    </div>
  )
}
