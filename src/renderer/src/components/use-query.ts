import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'

export interface QueryState<T> {
  data: T | undefined
  error: string | null
  loading: boolean
  reload(): void
}

/**
 * Runs a read through the client when its inputs change; the last data stays on screen while a reload
 * is in flight, and answers that arrive after newer ones (or after unmount) are dropped.
 */
export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps describe `load`
  const run = useCallback(load, deps)

  const reload = useCallback(() => {
    const ticket = ++latest.current
    setLoading(true)
    run().then(
      (value) => {
        if (ticket !== latest.current) return
        setData(value)
        setError(null)
        setLoading(false)
      },
      (e: unknown) => {
        if (ticket !== latest.current) return
        setError(e instanceof Error ? e.message : String(e))
        setLoading(false)
      }
    )
  }, [run])

  useEffect(() => {
    reload()
    return () => void ++latest.current
  }, [reload])

  return { data, error, loading, reload }
}
