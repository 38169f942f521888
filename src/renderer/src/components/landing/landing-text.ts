import type { LandingEntry, RunMergeCheck } from '../../../../shared/contract'

/** What an entry is doing, in words: its place, its step, or why it waits outside the line. */
export function entryStatus(e: LandingEntry): string {
  if (e.status === 'landing') return { snapshot: 'saving the branch tip', integrating: 'rebasing onto the base', validating: 'running the checks again', merging: 'merging' }[e.step ?? 'snapshot'] ?? 'landing'
  if (e.status === 'queued') return `#${e.position ?? '?'} in line`
  if (e.status === 'returned') return 'back with the agent'
  if (e.status === 'pull_request') return 'following its pull request'
  return e.conflictFiles.length ? 'blocked: conflict' : 'blocked'
}

/**
 * What stops a landing before it starts. Being behind the base or conflicting with it is not on the list: the
 * queue rebases the branch, and hands a real conflict to the agent.
 */
export function landBlockers(check: RunMergeCheck): string[] {
  const blockers: string[] = []
  if (check.worktreeDirty) blockers.push('the run worktree has uncommitted changes')
  if (check.aheadBy === 0) blockers.push('the branch has no commits to land')
  return blockers
}

/** Notes about what the landing will do, shown next to the Land action. */
export function landNotes(check: RunMergeCheck, base: string): string[] {
  const notes: string[] = []
  if (check.behindBy > 0) notes.push(`${check.behindBy} commit(s) behind ${base}: landing rebases it first`)
  if (check.conflicts.length) notes.push(`conflicts with ${base} in ${check.conflicts.join(', ')}: landing hands them to the agent`)
  return notes
}
