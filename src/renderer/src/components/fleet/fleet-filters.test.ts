import { describe, expect, it } from 'vitest'
import type { FleetEntry } from '../../../../shared/contract'
import { filterFleet, noFilter, runtimesOf } from './fleet-filters'

const entry = (name: string, extra: Partial<FleetEntry> = {}): FleetEntry => ({
  repoId: name, name, path: `/r/${name}`, owners: [], criticality: null, lifecycle: 'active', tags: [], links: [], runtimes: [], packageManagers: [], ci: [], publishes: [], dependsOn: [], facts: [], problems: [], scannedHead: null, scannedAt: null, ...extra
})

describe('filterFleet', () => {
  const fleet = [
    entry('web', { criticality: 1, owners: ['front'], runtimes: ['node'], tags: ['ui'] }),
    entry('api', { criticality: 0, owners: ['back'], runtimes: ['go 1.22'] }),
    entry('old', { lifecycle: 'deprecated', owners: ['back'], runtimes: ['python'] }),
    entry('cli', { criticality: 1, runtimes: ['node'] })
  ]
  const names = (xs: FleetEntry[]) => xs.map((e) => e.name)

  it('filters by text over name, owners, tags and runtimes, by tier, lifecycle and runtime', () => {
    expect(names(filterFleet(fleet, { ...noFilter, text: 'BACK' }, 'name'))).toEqual(['api', 'old'])
    expect(names(filterFleet(fleet, { ...noFilter, text: 'ui' }, 'name'))).toEqual(['web'])
    expect(names(filterFleet(fleet, { ...noFilter, criticality: 1 }, 'name'))).toEqual(['cli', 'web'])
    expect(names(filterFleet(fleet, { ...noFilter, criticality: 'none' }, 'name'))).toEqual(['old'])
    expect(names(filterFleet(fleet, { ...noFilter, lifecycle: 'deprecated' }, 'name'))).toEqual(['old'])
    expect(names(filterFleet(fleet, { ...noFilter, runtime: 'node', criticality: 1 }, 'name'))).toEqual(['cli', 'web'])
  })

  it('sorts by tier (unset last), owner and runtime, ties by name, without changing its input', () => {
    expect(names(filterFleet(fleet, noFilter, 'criticality'))).toEqual(['api', 'cli', 'web', 'old'])
    expect(names(filterFleet(fleet, noFilter, 'owner'))).toEqual(['api', 'old', 'web', 'cli'])
    expect(names(filterFleet(fleet, noFilter, 'runtime'))).toEqual(['api', 'cli', 'web', 'old'])
    expect(names(fleet)).toEqual(['web', 'api', 'old', 'cli'])
    expect(runtimesOf(fleet)).toEqual(['go 1.22', 'node', 'python'])
  })
})
