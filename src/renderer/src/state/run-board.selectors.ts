import type { Issue, Run, RunState } from '../../../shared/domain'
import { type BoardFilters, runMatcher } from './board-filters'

/** The run board's columns, in the order work flows. */
export const runColumns = ['queued', 'running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land', 'merged', 'failed', 'stopped', 'lost'] as const
export type RunColumn = (typeof runColumns)[number]

/** Preparing is the first moment of running; every other state has its own column. */
export function runColumnOf(state: RunState): RunColumn {
  return state === 'preparing' ? 'running' : state
}

// ISO times and ULIDs order as plain strings; localeCompare is slower and depends on the locale.
const newestFirst = (a: Run, b: Run) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
const sorted = new WeakMap<Record<string, Run>, Run[]>()

/** Every run, most recently changed first: sorted once per runs map, so a filter keystroke only filters. */
function runsNewestFirst(runs: Record<string, Run>): Run[] {
  let list = sorted.get(runs)
  if (!list) sorted.set(runs, (list = Object.values(runs).sort(newestFirst)))
  return list
}

/** Runs matching the filters, by column, most recently changed first. */
export function selectRunColumns(runs: Record<string, Run>, issues: Record<string, Issue>, filters: BoardFilters): Record<RunColumn, Run[]> {
  const columns = Object.fromEntries(runColumns.map((c) => [c, [] as Run[]])) as Record<RunColumn, Run[]>
  const matches = runMatcher(filters, issues)
  for (const run of runsNewestFirst(runs)) if (matches(run)) columns[runColumnOf(run.state)].push(run)
  return columns
}

/** Runs in the order next/previous walks them: the run board's, left to right, top to bottom. */
export function runNavigationOrder(runs: Record<string, Run>, issues: Record<string, Issue>, filters: BoardFilters): Run[] {
  const columns = selectRunColumns(runs, issues, filters)
  return runColumns.flatMap((c) => columns[c])
}

/** Runs whose agent has a live session, for the terminal grid, oldest first so tiles keep their places. */
export function liveRuns(runs: Record<string, Run>): Run[] {
  const live: RunState[] = ['running', 'waiting', 'validating', 'ready_to_merge', 'queued_to_land', 'preparing']
  return Object.values(runs)
    .filter((r) => r.sessionId && r.activity !== 'exited' && live.includes(r.state))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}
