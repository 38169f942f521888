import { useEffect, useState } from 'react'

/** The current time, refreshed every `everyMs`, for labels that age ("3 s ago"). */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
