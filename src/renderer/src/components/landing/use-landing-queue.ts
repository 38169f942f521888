import { useEffect } from 'react'
import { useClient } from '../../app/context'
import { useQuery } from '../use-query'

/** The landing queue (optionally one repository's), reloaded whenever it changes. */
export function useLandingQueue(repoId?: string) {
  const client = useClient()
  const query = useQuery(() => client.invoke('landing.list', { repoId }), [client, repoId])
  const { reload } = query
  useEffect(() => client.subscribe((event) => void (event.topic.startsWith('landing.') && reload())), [client, reload])
  return query
}
