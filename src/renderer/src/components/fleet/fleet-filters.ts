import type { FleetEntry } from '../../../../shared/contract'

export type FleetSort = 'name' | 'criticality' | 'owner' | 'runtime'

export interface FleetFilter {
  /** Matches name, owners, tags, runtimes (case-insensitive substring). */
  text: string
  /** A tier 0-3, 'none' for entries without one, or null for all. */
  criticality: number | 'none' | null
  lifecycle: FleetEntry['lifecycle'] | null
  runtime: string | null
}

export const noFilter: FleetFilter = { text: '', criticality: null, lifecycle: null, runtime: null }

const first = (xs: string[]) => xs[0] ?? '\uffff'

/** The entries that pass the filter, sorted (ties by name); pure, so it is tested without a browser. */
export function filterFleet(entries: readonly FleetEntry[], filter: FleetFilter, sort: FleetSort): FleetEntry[] {
  const needle = filter.text.trim().toLowerCase()
  const kept = entries.filter(
    (e) =>
      (!needle || [e.name, ...e.owners, ...e.tags, ...e.runtimes].some((s) => s.toLowerCase().includes(needle))) &&
      (filter.criticality === null || (filter.criticality === 'none' ? e.criticality === null : e.criticality === filter.criticality)) &&
      (!filter.lifecycle || e.lifecycle === filter.lifecycle) &&
      (!filter.runtime || e.runtimes.includes(filter.runtime))
  )
  const key: Record<FleetSort, (e: FleetEntry) => string | number> = {
    name: (e) => e.name,
    criticality: (e) => e.criticality ?? 9,
    owner: (e) => first(e.owners),
    runtime: (e) => first(e.runtimes)
  }
  const by = key[sort]
  return kept.sort((a, b) => {
    const x = by(a)
    const y = by(b)
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return c || a.name.localeCompare(b.name)
  })
}

/** Every runtime in the fleet, for the filter's choices. */
export const runtimesOf = (entries: readonly FleetEntry[]): string[] => [...new Set(entries.flatMap((e) => e.runtimes))].sort()
