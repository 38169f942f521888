import type { Selectable, Updateable } from 'kysely'

/** The pull request a run lands through (policy landing.land: pull_request), as last read from GitHub. */
export interface PullRequestTable {
  run_id: string
  /** owner/repo on GitHub. */
  repository: string
  remote: string
  branch: string
  /** Null until the PR is opened (or an open one adopted). */
  number: number | null
  url: string | null
  /** none (not opened yet), open, closed, merged. */
  state: string
  /** The commit this engine last pushed: the lease of the next push. */
  pushed_sha: string | null
  head_sha: string | null
  /** JSON: what was already seen and handled (reviews, check states), so each change is recorded once. */
  seen: string
  next_poll_at: string
  last_error: string | null
  updated_at: string
}
export type PullRequestRow = Selectable<PullRequestTable>
export type PullRequestUpdate = Updateable<PullRequestTable>
