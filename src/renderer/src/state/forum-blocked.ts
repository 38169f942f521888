import type { BlockedWorkMonitor } from '../../../shared/host'
import type { Client } from '../../../shared/transport'

/** Keeps the blocked-work badge counting forum questions left unanswered past their SLA. */
export function followOverdueQuestions(client: Client, monitor: BlockedWorkMonitor) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const refresh = async () => {
    try {
      const threads = await client.invoke('forum.inbox', { limit: 5_000 })
      monitor.setOverdueQuestions(
        threads.filter((t) => t.escalations > 0 && t.state !== 'answered' && t.state !== 'closed').map((t) => ({ threadId: t.id, title: t.title, runId: t.runId }))
      )
    } catch {
      // The next forum event or reconnect tries again.
    }
  }
  const off = client.subscribe((event) => {
    if (!event.topic.startsWith('forum.')) return
    clearTimeout(timer)
    timer = setTimeout(() => void refresh(), 100)
  })
  return { refresh, dispose: () => (off(), clearTimeout(timer)) }
}
