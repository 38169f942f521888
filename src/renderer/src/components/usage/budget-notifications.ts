import type { EventEnvelope } from '../../../../shared/contract'
import type { HostNotification } from '../../../../shared/host'
import type { Client } from '../../../../shared/transport'
import { amount, metricName } from './usage-format'

/** A run crossed a budget limit: soft is a heads-up, hard means its agent was paused and a question waits. */
export function budgetNotification(event: EventEnvelope): HostNotification | null {
  if (event.topic !== 'usage.budget_crossed') return null
  const p = event.payload as EventEnvelope<'usage.budget_crossed'>['payload']
  const what = `${metricName[p.metric]}: ${amount(p.metric, p.used)} of ${amount(p.metric, p.limit)}`
  return p.level === 'hard'
    ? { id: `budget:${event.id}`, title: 'Run paused over budget', body: `${what}. Raise the budget to resume it, or stop it.`, severity: 'error', target: { kind: 'run', runId: p.runId } }
    : { id: `budget:${event.id}`, title: 'Run past its soft budget', body: what, severity: 'warning', target: { kind: 'run', runId: p.runId } }
}

/** Notifies (in the app and through the host) on every budget crossing the core reports. */
export function followBudgets(client: Client, notify: (n: HostNotification) => void): () => void {
  return client.subscribe((event) => {
    const n = budgetNotification(event)
    if (n) notify(n)
  })
}
