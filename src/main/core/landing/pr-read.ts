import type { PullRequestEventKind } from '../../../shared/contract'
import type { CheckView, PullView, ReviewView } from './pr-github'
import type { PrSeen } from './pr.repository'

/** One change to record on the run's timeline. */
export type Note = { kind: PullRequestEventKind; message: string }

const red = new Set(['failure', 'timed_out', 'cancelled', 'action_required', 'startup_failure'])
const green = new Set(['success', 'neutral', 'skipped'])

/** GitHub cannot merge the head into the base (it moved): trouble once per head, fixed by merging the base in. */
export function readConflict(view: PullView, base: string, remote: string, seen: PrSeen, notes: Note[]): { what: string; lines: string[]; conflict: true }[] {
  if (view.mergeable !== false || (seen.handledConflicts ?? []).includes(view.headSha)) return []
  seen.handledConflicts = [...(seen.handledConflicts ?? []), view.headSha]
  notes.push({ kind: 'state', message: `pull request #${view.number} conflicts with ${base} (GitHub cannot merge ${view.headSha.slice(0, 10)})` })
  return [{
    conflict: true,
    what: `it conflicts with ${base}`,
    lines: [
      `Pull request #${view.number} cannot be merged: your branch conflicts with \`${base}\` as it is on ${remote} now.`,
      `Flightdeck fetched it as \`${remote}/${base}\`. Bring it in without rewriting the pushed commits: \`git merge ${remote}/${base}\`, resolve the conflicts keeping both intents, and commit the merge.`
    ]
  }]
}

/** Records new reviews; the newest changes-requested review of each reviewer, not yet handled, is trouble. */
export function readReviews(reviews: ReviewView[], seen: PrSeen, notes: Note[]): { what: string; lines: string[] }[] {
  const known = new Set(seen.reviews ?? [])
  const latest = new Map<string, ReviewView>()
  for (const r of reviews) {
    if (r.state === 'PENDING') continue
    if (!known.has(r.id)) {
      notes.push({ kind: 'review', message: `${r.user} ${r.state.toLowerCase().replace('_', ' ')}${r.body ? `: ${r.body}` : ''}${r.comments.length ? ` (${r.comments.length} comment(s))` : ''}` })
      known.add(r.id)
    }
    if (r.state !== 'COMMENTED' || !latest.has(r.user)) latest.set(r.user, r)
  }
  seen.reviews = [...known]
  seen.latestReviews = Object.fromEntries([...latest].map(([user, r]) => [user, r.state]))
  const handled = new Set(seen.handledReviews ?? [])
  const asked = [...latest.values()].filter((r) => r.state === 'CHANGES_REQUESTED' && !handled.has(r.id))
  seen.handledReviews = [...handled, ...asked.map((r) => r.id)]
  return asked.map((r) => ({
    what: `${r.user} requested changes`,
    lines: [`${r.user} requested changes on the pull request${r.body ? `: ${r.body}` : ''}`, ...r.comments.map((c) => `- ${c.path}${c.line !== null ? `:${c.line}` : ''}: ${c.body}`)]
  }))
}

/** Records each check's change on the head; red ones, on a head not yet sent back, are trouble. */
export function readChecks(checks: CheckView[], head: string, seen: PrSeen, notes: Note[]): { what: string; lines: string[] }[] {
  if (seen.checksSha !== head) seen.checks = {}
  seen.checksSha = head
  const states = seen.checks ?? {}
  for (const c of checks) {
    const result = c.status === 'completed' ? (c.conclusion ?? 'completed') : c.status
    if (states[c.name] !== result) notes.push({ kind: 'check', message: `check ${c.name}: ${result} on ${head.slice(0, 10)}` })
    states[c.name] = result
  }
  seen.checks = states
  const failing = checks.filter((c) => c.status === 'completed' && red.has(c.conclusion ?? ''))
  if (!failing.length && checks.length && checks.every((c) => c.status === 'completed' && green.has(c.conclusion ?? '')) && seen.passedSha !== head) {
    seen.passedSha = head
    notes.push({ kind: 'checks_passed', message: `all ${checks.length} check(s) passed on ${head.slice(0, 10)}` })
  }
  if (!failing.length || (seen.handledChecks ?? []).includes(head)) return []
  seen.handledChecks = [...(seen.handledChecks ?? []), head]
  return [{
    what: `check(s) failed: ${failing.map((c) => c.name).join(', ')}`,
    lines: [
      `These checks failed on the pull request (commit ${head.slice(0, 10)}):`,
      ...failing.flatMap((c) => [`- ${c.name} (${c.conclusion})${c.url ? ` ${c.url}` : ''}`, ...(c.text ? ['  ```', ...excerpt(c.text).map((x) => `  ${x}`), '  ```'] : [])])
    ]
  }]
}

/** The end of a check's log: where the failure usually is. */
function excerpt(text: string): string[] {
  const lines = text.trim().split('\n')
  return lines.length > 30 ? [`… (${lines.length - 30} lines before)`, ...lines.slice(-30)] : lines
}
