import { useEffect } from 'react'
import type { UsageGrouping } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { useQuery } from '../use-query'

/** Reloads at most twice a second while usage events stream in (a busy fleet records many per second). */
function useUsageReload(reload: () => void, runId?: string) {
  const client = useClient()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = client.subscribe((event) => {
      if (!event.topic.startsWith('usage.') || (runId && event.entity !== runId) || timer) return
      timer = setTimeout(() => {
        timer = undefined
        reload()
      }, 500)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [client, reload, runId])
}

export function useRunUsage(runId: string, updatedAt: string) {
  const client = useClient()
  const query = useQuery(() => client.invoke('usage.forRun', { runId }), [client, runId, updatedAt])
  useUsageReload(query.reload, runId)
  return query
}

export function useUsageSummary(by: UsageGrouping) {
  const client = useClient()
  const query = useQuery(() => client.invoke('usage.summary', { by }), [client, by])
  useUsageReload(query.reload)
  return query
}
