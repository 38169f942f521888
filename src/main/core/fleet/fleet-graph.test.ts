import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { FleetEdge } from '../../../shared/contract/fleet'
import { blastRadius, buildEdges, findCycles, type GraphNode } from './fleet-graph'

const node = (name: string, extra: Partial<GraphNode> = {}): GraphNode => ({ repoId: name, name, criticality: null, owners: [], publishes: [], uses: [], declared: [], ...extra })
const edge = (from: string, to: string): FleetEdge => ({ from, to, kind: 'declared', name: to, evidence: 'test' })

describe('fleet graph', () => {
  it('joins uses to publishers by kind and name (Python and images case-insensitively), declared edges by name, no self edge', () => {
    const nodes = [
      node('a', { publishes: [{ kind: 'npm', name: '@x/a', source: 'package.json' }, { kind: 'python', name: 'x-a', source: 'pyproject.toml' }] }),
      node('b', { uses: [{ kind: 'npm', name: '@x/a', evidence: 'package.json:3' }, { kind: 'go', name: '@x/a', evidence: 'go.mod:4' }, { kind: 'npm', name: '@x/a', evidence: 'package.json:9' }] }),
      node('c', { uses: [{ kind: 'python', name: 'X-A', evidence: 'pyproject.toml:7' }], declared: [{ name: 'b', evidence: 'catalog.yaml:3' }, { name: 'ghost', evidence: 'x' }, { name: 'c', evidence: 'y' }] }),
      node('d', { publishes: [{ kind: 'npm', name: '@x/d', source: 'package.json' }], uses: [{ kind: 'npm', name: '@x/d', evidence: 'package.json:2' }] })
    ]
    expect(buildEdges(nodes)).toEqual([
      { from: 'b', to: 'a', kind: 'npm', name: '@x/a', evidence: 'package.json:3' },
      { from: 'c', to: 'a', kind: 'python', name: 'X-A', evidence: 'pyproject.toml:7' },
      { from: 'c', to: 'b', kind: 'declared', name: 'b', evidence: 'catalog.yaml:3' }
    ])
  })

  it('groups dependents by shortest depth, keeps every edge into a level, and names the cycles', () => {
    const nodes = ['t', 'a', 'b', 'c', 'd', 'e', 'x'].map((n) => node(n, n === 'b' ? { criticality: 0 } : {}))
    const edges = [edge('a', 't'), edge('b', 't'), edge('c', 'a'), edge('c', 'b'), edge('d', 'c'), edge('b', 'd'), edge('e', 'e'), edge('t', 'x')]
    const impact = blastRadius(nodes, edges, 't')
    expect(impact.levels.map((l) => l.repos.map((r) => r.name))).toEqual([['b', 'a'], ['c'], ['d']])
    expect(impact.levels[1]!.repos[0]!.via.map((e) => e.to)).toEqual(['a', 'b'])
    expect(impact.cycles).toEqual([['b', 'd', 'c', 'b']])
    expect(impact.total).toBe(4)
    expect(blastRadius(nodes, edges, 't', 1)).toMatchObject({ total: 2, truncated: true })
    expect(blastRadius(nodes, edges, 'x').levels.map((l) => l.depth)).toEqual([1, 2, 3, 4])
    expect(() => blastRadius(nodes, edges, 'nope')).toThrow(/no repository/)
  })

  it('finds a cycle back to the target itself and one per strongly connected component', () => {
    expect(findCycles(['a', 'b', 'c', 'd', 'e'], [edge('a', 'b'), edge('b', 'a'), edge('c', 'd'), edge('d', 'e'), edge('e', 'c'), edge('b', 'c')])).toEqual([['a', 'b', 'a'], ['c', 'd', 'e', 'c']])
    expect(blastRadius([node('a'), node('b')], [edge('a', 'b'), edge('b', 'a')], 'a').cycles).toEqual([['a', 'b', 'a']])
  })

  it('reaches exactly the transitive dependents, each at its shortest distance (random graphs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 40 }), (n, pairs) => {
        const names = Array.from({ length: n }, (_, i) => `r${i}`)
        const edges = pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => edge(names[a]!, names[b]!))
        const impact = blastRadius(names.map((x) => node(x)), edges, 'r0')
        // Reference: Bellman-Ford style relaxation of distances over reversed edges.
        const dist = new Map<string, number>([['r0', 0]])
        for (let round = 0; round < n; round++) for (const e of edges) if (dist.has(e.to) && (dist.get(e.from) ?? Infinity) > dist.get(e.to)! + 1) dist.set(e.from, dist.get(e.to)! + 1)
        dist.delete('r0')
        const got = new Map(impact.levels.flatMap((l) => l.repos.map((r) => [r.name, l.depth] as const)))
        expect(got).toEqual(dist)
        for (const c of impact.cycles) for (let i = 0; i + 1 < c.length; i++) expect(edges.some((e) => e.from === c[i] && e.to === c[i + 1])).toBe(true)
      })
    )
  })
})
