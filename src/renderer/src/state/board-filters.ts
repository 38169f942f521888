import type { Issue, IssuePriority, Run } from '../../../shared/domain'

/** Every board filter at once; null (or '') means "any". */
export interface BoardFilters {
  repoFilter: string | null
  textFilter: string
  agentFilter?: string | null
  labelFilter?: string | null
  priorityFilter?: IssuePriority | null
}

/**
 * One predicate for an issue under the filters; `agentOf` gives the agent of the issue's newest run (the
 * agent filter keeps issues some agent works on). Text matches title, labels and id, case-insensitively.
 */
export function issueMatcher(f: BoardFilters, agentOf?: (issueId: string) => string | undefined): (issue: Issue) => boolean {
  const text = f.textFilter.trim().toLowerCase()
  return (issue) =>
    (!f.repoFilter || issue.repoId === f.repoFilter) &&
    (!f.priorityFilter || issue.priority === f.priorityFilter) &&
    (!f.labelFilter || issue.labels.includes(f.labelFilter)) &&
    (!f.agentFilter || agentOf?.(issue.id) === f.agentFilter) &&
    (!text || issueText(issue).includes(text))
}

// What text filters search, lower-cased once per object: issues and runs are replaced, never changed, so a
// keystroke in a filter over 20,000 runs builds no strings.
const issueTexts = new WeakMap<Issue, string>()
const runTexts = new WeakMap<Run, { issue: Issue | undefined; text: string }>()

function issueText(issue: Issue): string {
  let text = issueTexts.get(issue)
  if (text === undefined) issueTexts.set(issue, (text = `${issue.title} ${issue.labels.join(' ')} ${issue.id}`.toLowerCase()))
  return text
}

function runText(run: Run, issue: Issue | undefined): string {
  const known = runTexts.get(run)
  if (known && known.issue === issue) return known.text
  const text = `${issue?.title ?? ''} ${issue?.labels.join(' ') ?? ''} ${run.id} ${run.branch ?? ''} ${run.agentProfile}`.toLowerCase()
  runTexts.set(run, { issue, text })
  return text
}

/** A run under the filters: its own repo and agent, its issue's priority and labels, text on the issue or run id. */
export function runMatcher(f: BoardFilters, issues: Record<string, Issue>): (run: Run) => boolean {
  const text = f.textFilter.trim().toLowerCase()
  return (run) => {
    if (f.repoFilter && run.repoId !== f.repoFilter) return false
    if (f.agentFilter && run.agentProfile !== f.agentFilter) return false
    const issue = issues[run.issueId]
    if (f.priorityFilter && issue?.priority !== f.priorityFilter) return false
    if (f.labelFilter && !issue?.labels.includes(f.labelFilter)) return false
    if (!text) return true
    return runText(run, issue).includes(text)
  }
}

/** Every label in use, sorted, for the label filter. */
export function labelsOf(issues: Record<string, Issue>): string[] {
  const labels = new Set<string>()
  for (const issue of Object.values(issues)) for (const l of issue.labels) labels.add(l)
  return [...labels].sort()
}
