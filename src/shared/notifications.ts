import type { EventEnvelope } from './contract'
import type { Run } from './domain'
import type { HostNotification, HostTarget } from './contract/notifications'
import { amount, metricName } from './usage-format'

/**
 * Which run changes deserve a notification: it asks a question, its agent needs input or stalls, it is ready to
 * merge, it failed or was lost. Everything else (queued, merged by the user, stopped) stays quiet.
 */
export function notificationFor(event: EventEnvelope, previous: Run | undefined, titleOf: (issueId: string) => string | undefined): HostNotification | null {
  if (event.topic !== 'run.updated') return null
  const { run, from } = event.payload as EventEnvelope<'run.updated'>['payload']
  // Looked up only for a run change that notifies (the core does this for every run event it records).
  let known: string | undefined
  const title = () => (known ??= titleOf(run.issueId) ?? `Run ${run.id.slice(-6)}`)
  const target: HostTarget = { kind: 'run', runId: run.id }
  const id = `${run.id}:${event.seq}`
  const moved = from !== undefined && from !== run.state
  if (moved && run.state === 'waiting') return { id, title: `${run.agentProfile} asks a question`, body: title(), severity: 'warning', target }
  if (moved && run.state === 'failed') return { id, title: `Run failed: ${title()}`, body: run.detail ?? `${run.agentProfile} failed`, severity: 'error', target }
  if (moved && run.state === 'lost') return { id, title: `Run lost: ${title()}`, body: run.detail ?? 'the agent’s session is gone', severity: 'error', target }
  if (moved && run.state === 'ready_to_merge') return { id, title: `Ready to merge: ${title()}`, body: `${run.agentProfile} finished; review the diff and merge`, severity: 'success', target }
  if (run.activity === 'needs_input' && previous?.activity !== 'needs_input') {
    return { id, title: `${run.agentProfile} needs input`, body: title(), severity: 'warning', target }
  }
  if (run.activity === 'stalled' && previous?.activity !== 'stalled') {
    return { id, title: `${run.agentProfile} is stalled`, body: `${title()}: ${run.detail ?? 'no output and no signal'}`, severity: 'warning', target }
  }
  return null
}

/** A run crossed a budget limit: soft is a heads-up, hard means its agent was paused and a question waits. */
export function budgetNotification(event: EventEnvelope): HostNotification | null {
  if (event.topic !== 'usage.budget_crossed') return null
  const p = event.payload as EventEnvelope<'usage.budget_crossed'>['payload']
  const what = `${metricName[p.metric]}: ${amount(p.metric, p.used)} of ${amount(p.metric, p.limit)}`
  return p.level === 'hard'
    ? { id: `budget:${event.id}`, title: 'Run paused over budget', body: `${what}. Raise the budget to resume it, or stop it.`, severity: 'error', target: { kind: 'run', runId: p.runId } }
    : { id: `budget:${event.id}`, title: 'Run past its soft budget', body: what, severity: 'warning', target: { kind: 'run', runId: p.runId } }
}

/** A question left unanswered past its SLA (escalated each time it is breached again). */
export function slaNotification(event: EventEnvelope): HostNotification | null {
  if (event.topic !== 'forum.sla_breached') return null
  const p = event.payload as EventEnvelope<'forum.sla_breached'>['payload']
  return { id: `sla:${p.threadId}:${p.escalations}`, title: `Unanswered past its SLA (now ${p.priority})`, body: p.title, severity: 'warning', target: { kind: 'view', view: 'inbox' } }
}

/**
 * The notification an event deserves, if any: the one mapping the core records (notifications/ in the core) and
 * the app shows. `previous` is the run as it was before a `run.updated`, asked for only when it matters.
 */
export function notificationOf(event: EventEnvelope, previous: () => Run | undefined, titleOf: (issueId: string) => string | undefined): HostNotification | null {
  if (event.topic === 'run.updated') {
    const { run } = event.payload as EventEnvelope<'run.updated'>['payload']
    const needsPrevious = run.activity === 'needs_input' || run.activity === 'stalled'
    return notificationFor(event, needsPrevious ? previous() : undefined, titleOf)
  }
  return budgetNotification(event) ?? slaNotification(event)
}
