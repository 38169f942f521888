import { WifiOff } from 'lucide-react'
import { useEffect, useState } from 'react'
import { useApp } from '../app/context'

/**
 * Across the top while the core is out of reach: what is happening and what still works. Shown only after
 * the first connection (the initial "connecting" is the loading screen's), and for any later drop.
 */
export function ConnectionBanner() {
  const connection = useApp((s) => s.connection)
  const [wasOpen, setWasOpen] = useState(false)
  useEffect(() => {
    if (connection === 'open') setWasOpen(true)
  }, [connection])
  if (connection === 'open' || !wasOpen) return null
  return (
    <div role="alert" data-testid="connection-banner" className="flex shrink-0 items-center gap-2 border-b border-danger/40 bg-danger/12 px-4 py-1.5 text-xs text-fg">
      <WifiOff size={14} className="text-danger" aria-hidden />
      <span className="shrink-0 font-medium whitespace-nowrap">Disconnected from Flightdeck — reconnecting.</span>
      <span className="text-muted">Terminals are read-only and actions wait until the connection is back; keys already sent are confirmed then, never sent twice.</span>
    </div>
  )
}
