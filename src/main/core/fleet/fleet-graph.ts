import type { FleetArtifact, FleetEdge, FleetImpact, FleetImpactRepo } from '../../../shared/contract/fleet'
import type { FleetUse } from './detect'

/** What the graph needs of one repository. Pure data: the graph functions do no I/O. */
export interface GraphNode {
  repoId: string
  name: string
  criticality: number | null
  owners: string[]
  publishes: FleetArtifact[]
  uses: FleetUse[]
  /** Declared dependencies: a repository name and the `file:line` (or source) that declares it. */
  declared: { name: string; evidence: string }[]
}

const artifactKey = (kind: string, name: string) => `${kind}\0${kind === 'python' || kind === 'docker' || kind === 'cargo' ? name.toLowerCase() : name}`

/**
 * The edges between the given repositories: a use of something another one publishes (same kind, same name),
 * and each declared dependency on a repository by name. A repository's use of its own artifact is no edge; one
 * edge per (from, to, kind, name), with the first evidence found.
 */
export function buildEdges(nodes: readonly GraphNode[]): FleetEdge[] {
  const publishers = new Map<string, string[]>()
  for (const n of nodes) for (const a of n.publishes) {
    const key = artifactKey(a.kind, a.name)
    const list = publishers.get(key) ?? []
    if (!list.includes(n.repoId)) list.push(n.repoId)
    publishers.set(key, list)
  }
  const byName = new Map(nodes.map((n) => [n.name, n.repoId]))
  const edges: FleetEdge[] = []
  const seen = new Set<string>()
  const add = (e: FleetEdge) => {
    const key = `${e.from}\0${e.to}\0${e.kind}\0${e.name}`
    if (e.from === e.to || seen.has(key)) return
    seen.add(key)
    edges.push(e)
  }
  for (const n of nodes) {
    for (const u of n.uses) for (const to of publishers.get(artifactKey(u.kind, u.name)) ?? []) add({ from: n.repoId, to, kind: u.kind, name: u.name, evidence: u.evidence })
    for (const d of n.declared) {
      const to = byName.get(d.name)
      if (to) add({ from: n.repoId, to, kind: 'declared', name: d.name, evidence: d.evidence })
    }
  }
  return edges
}

/**
 * Who depends on `target`, transitively: a breadth-first walk over reversed edges, each repository at the
 * depth it is first reached (its shortest chain), with the edges that reach it from the level before.
 * `maxDepth` stops the walk; `truncated` says whether dependents were left beyond it.
 */
export function blastRadius(nodes: readonly GraphNode[], edges: readonly FleetEdge[], target: string, maxDepth = Infinity): FleetImpact {
  const byId = new Map(nodes.map((n) => [n.repoId, n]))
  const root = byId.get(target)
  if (!root) throw new Error(`no repository ${target} in the graph`)
  const dependents = new Map<string, FleetEdge[]>()
  for (const e of edges) {
    const list = dependents.get(e.to)
    if (list) list.push(e)
    else dependents.set(e.to, [e])
  }
  const depthOf = new Map<string, number>([[target, 0]])
  const levels: FleetImpact['levels'] = []
  let frontier = [target]
  let truncated = false
  for (let depth = 1; frontier.length; depth++) {
    const reached = new Map<string, FleetEdge[]>()
    for (const id of frontier) for (const e of dependents.get(id) ?? []) {
      if (depthOf.has(e.from) && !reached.has(e.from)) continue
      const via = reached.get(e.from)
      if (via) via.push(e)
      else reached.set(e.from, [e])
    }
    if (!reached.size) break
    if (depth > maxDepth) {
      truncated = true
      break
    }
    const repos: FleetImpactRepo[] = []
    for (const [id, via] of reached) {
      depthOf.set(id, depth)
      const n = byId.get(id)!
      repos.push({ repoId: id, name: n.name, criticality: n.criticality, owners: n.owners, via })
    }
    repos.sort((a, b) => (a.criticality ?? 9) - (b.criticality ?? 9) || a.name.localeCompare(b.name))
    levels.push({ depth, repos })
    frontier = [...reached.keys()]
  }
  const within = new Set(depthOf.keys())
  const names = (ids: string[]) => ids.map((id) => byId.get(id)!.name)
  const ordered = [...within].sort((a, b) => byId.get(a)!.name.localeCompare(byId.get(b)!.name))
  const cycles = findCycles(ordered, edges.filter((e) => within.has(e.from) && within.has(e.to))).map(names)
  return { repo: { repoId: root.repoId, name: root.name }, levels, total: depthOf.size - 1, cycles, truncated }
}

/**
 * The dependency cycles among `ids`: one per strongly connected component of more than one repository
 * (Tarjan, iterative), named as a shortest path from its first repository (in the order of `ids`) back to it.
 */
export function findCycles(ids: readonly string[], edges: readonly Pick<FleetEdge, 'from' | 'to'>[]): string[][] {
  const out = new Map<string, string[]>()
  for (const id of ids) out.set(id, [])
  for (const e of edges) out.get(e.from)?.push(e.to)
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const start of ids) {
    if (index.has(start)) continue
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }]
    index.set(start, counter)
    low.set(start, counter++)
    stack.push(start)
    onStack.add(start)
    while (work.length) {
      const frame = work[work.length - 1]!
      const succ = out.get(frame.id)!
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!
        if (!out.has(w)) continue
        if (!index.has(w)) {
          index.set(w, counter)
          low.set(w, counter++)
          stack.push(w)
          onStack.add(w)
          work.push({ id: w, next: 0 })
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!))
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let w: string
        do {
          w = stack.pop()!
          onStack.delete(w)
          component.push(w)
        } while (w !== frame.id)
        if (component.length > 1) components.push(component)
      }
    }
  }
  const position = new Map(ids.map((id, i) => [id, i]))
  return components.map((c) => cyclePath(c, out, position)).sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!)
}

/** A shortest cycle through the component's first member (in the order of `ids`), as ids ending where it starts. */
function cyclePath(component: string[], out: Map<string, string[]>, position: Map<string, number>): string[] {
  const members = new Set(component)
  const start = component.reduce((a, b) => (position.get(a)! <= position.get(b)! ? a : b))
  const prev = new Map<string, string>()
  const queue = [start]
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!
    for (const w of out.get(id) ?? []) {
      if (!members.has(w)) continue
      if (w === start) {
        const path = [id]
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!)
        return [...path, start]
      }
      if (!prev.has(w)) {
        prev.set(w, id)
        queue.push(w)
      }
    }
  }
  return [start, start]
}
