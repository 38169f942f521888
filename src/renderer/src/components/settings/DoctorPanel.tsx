import { CheckCircle2, Loader2, TriangleAlert, XCircle } from 'lucide-react'
import { useState } from 'react'
import type { DoctorCheck } from '../../../../shared/contract'
import { useClient } from '../../app/context'
import { Button } from '../ui/Button'

const icons = { ok: CheckCircle2, warn: TriangleAlert, fail: XCircle } as const
const tones = { ok: 'text-ok', warn: 'text-warn', fail: 'text-danger' } as const

/** Settings → Machine: `flightdeck doctor` on demand, each line with what to do about it. */
export function DoctorPanel() {
  const client = useClient()
  const [checks, setChecks] = useState<DoctorCheck[] | null>(null)
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = () => {
    setPending(true)
    setError(null)
    client.invoke('system.doctor', {}).then(setChecks, (e: unknown) => setError(e instanceof Error ? e.message : String(e))).finally(() => setPending(false))
  }
  return (
    <div className="space-y-3" data-testid="doctor">
      <Button onClick={run} disabled={pending}>{pending && <Loader2 size={13} className="animate-spin" />}{checks ? 'Check again' : 'Check this machine'}</Button>
      {error && <p role="alert" className="text-xs text-danger">{error}</p>}
      {checks && (
        <ul className="space-y-1.5">
          {checks.map((c) => {
            const Icon = icons[c.status]
            return (
              <li key={c.name} data-status={c.status} className="flex items-start gap-2 text-[13px]">
                <Icon size={14} className={`mt-0.5 shrink-0 ${tones[c.status]}`} aria-label={c.status} />
                <span className="min-w-0">
                  <span className="font-medium">{c.name}</span> <span className="text-muted">{c.detail}</span>
                  {c.fix && <span className="block text-xs text-muted">Fix: {c.fix}</span>}
                </span>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
