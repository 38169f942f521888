import { useEffect } from 'react'
import type { Run } from '../../../../shared/domain'
import { useClient } from '../../app/context'
import { useQuery } from '../use-query'

const topics = new Set(['violation.recorded', 'violation.overridden', 'review.recorded', 'gate.evaluated'])

/** A run's gate results, reviews and violations, reloaded whenever governance records something about it. */
export function useGovernance(run: Run) {
  const client = useClient()
  const query = useQuery(
    () =>
      Promise.all([
        client.invoke('gate.results', { runId: run.id }),
        client.invoke('review.list', { runId: run.id }),
        client.invoke('violation.list', { runId: run.id })
      ]).then(([gates, reviews, violations]) => ({ gates, reviews, violations })),
    [client, run.id, run.updatedAt]
  )
  const { reload } = query
  useEffect(
    () =>
      client.subscribe((event) => {
        if (!topics.has(event.topic)) return
        const payload = event.payload as { violation?: { runId: string | null } }
        if (event.entity === run.id || payload.violation?.runId === run.id) reload()
      }),
    [client, run.id, reload]
  )
  return query
}
