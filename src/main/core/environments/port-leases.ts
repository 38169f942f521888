import net from 'node:net'
import { ApiError } from '../../../shared/errors'
import { now } from '../ids'
import type { Store } from '../store'

export interface PortLease {
  base: number
  count: number
}

/** Where leases are looked for; above the usual dev-server ports and below the ephemeral range. */
const FIRST = 41_000
const LAST = 48_999

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

/** The environment a lease gives: FLIGHTDECK_PORT (= PORT) and FLIGHTDECK_PORT_1 .. _N-1. */
export function portEnv(lease: PortLease | null): Record<string, string> {
  if (!lease || lease.count === 0) return {}
  const env: Record<string, string> = { FLIGHTDECK_PORT: String(lease.base), PORT: String(lease.base) }
  for (let i = 1; i < lease.count; i++) env[`FLIGHTDECK_PORT_${i}`] = String(lease.base + i)
  return env
}

/**
 * The run's block of `count` ports: its existing lease, or the first block that no other lease overlaps and
 * whose every port is free on this machine right now, recorded in SQLite so two worktrees never share one.
 */
export async function leasePorts(store: Store, runId: string, count: number): Promise<PortLease | null> {
  if (count === 0) return null
  const mine = await store.db.selectFrom('port_leases').select(['base', 'count']).where('run_id', '=', runId).executeTakeFirst()
  if (mine) return mine
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await store.db.selectFrom('port_leases').select(['base', 'count']).execute()
    const overlaps = (base: number) => taken.some((l) => base < l.base + l.count && l.base < base + count)
    for (let base = FIRST; base + count - 1 <= LAST; base += count) {
      if (overlaps(base)) continue
      const ports = Array.from({ length: count }, (_, i) => base + i)
      if (!(await Promise.all(ports.map(free))).every(Boolean)) continue
      const claimed = await store.write(async (tx) => {
        const clash = await tx.db.selectFrom('port_leases').select('run_id').where('base', '<', base + count).where((eb) => eb(eb('base', '+', eb.ref('count')), '>', base)).executeTakeFirst()
        if (clash) return false
        await tx.db.insertInto('port_leases').values({ run_id: runId, base, count, created_at: now() }).execute()
        tx.emit('run.ports', runId, { runId, base, count })
        return true
      })
      if (claimed) return { base, count }
      break
    }
  }
  throw new ApiError('unavailable', `no block of ${count} free ports between ${FIRST} and ${LAST}: lower environment.ports in the policy, or clean up finished runs`)
}

export async function releasePorts(store: Store, runId: string): Promise<void> {
  await store.write(async (tx) => {
    const gone = await tx.db.deleteFrom('port_leases').where('run_id', '=', runId).executeTakeFirst()
    if (gone.numDeletedRows > 0n) tx.emit('run.ports', runId, { runId, base: null, count: 0 })
  })
}
