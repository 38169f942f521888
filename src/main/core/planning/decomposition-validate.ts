import type { ArchitecturePack, DecompositionProblem, DecompositionReport, WorkItem } from '../../../shared/domain'

const POINTS: Record<WorkItem['size'], number> = { xs: 1, s: 2, m: 3, l: 5 }

/** The first dependency cycle found (as keys, the first repeated at the end), or null for a DAG. */
export function findCycle(items: WorkItem[]): string[] | null {
  const deps = new Map(items.map((i) => [i.key, i.depends_on]))
  const state = new Map<string, 1 | 2>()
  const stack: string[] = []
  const visit = (key: string): string[] | null => {
    state.set(key, 1)
    stack.push(key)
    for (const dep of deps.get(key) ?? []) {
      if (!deps.has(dep)) continue
      if (state.get(dep) === 1) return [...stack.slice(stack.indexOf(dep)), dep]
      if (!state.has(dep)) {
        const found = visit(dep)
        if (found) return found
      }
    }
    stack.pop()
    state.set(key, 2)
    return null
  }
  for (const item of items) {
    if (!state.has(item.key)) {
      const found = visit(item.key)
      if (found) return found
    }
  }
  return null
}

/** Items on the longest dependency chain (the DAG is known acyclic here). */
function criticalPath(items: WorkItem[]): number {
  const byKey = new Map(items.map((i) => [i.key, i]))
  const depth = new Map<string, number>()
  const measure = (key: string): number => {
    const known = depth.get(key)
    if (known !== undefined) return known
    const item = byKey.get(key)
    const d = 1 + Math.max(0, ...(item?.depends_on ?? []).filter((k) => byKey.has(k)).map(measure))
    depth.set(key, d)
    return d
  }
  return Math.max(0, ...items.map((i) => measure(i.key)))
}

/**
 * Checks a decomposition against its pack: unique keys, known dependencies, requirements and components,
 * no cycle (named), every must requirement covered (gaps listed), tests present, duplicates flagged.
 */
export function validateDecomposition(items: WorkItem[], pack: Pick<ArchitecturePack, 'requirements' | 'architecture'>): DecompositionReport {
  const errors: DecompositionProblem[] = []
  const warnings: DecompositionProblem[] = []
  const err = (code: DecompositionProblem['code'], message: string, refs: string[]) => errors.push({ code, severity: 'error', message, refs })
  const keys = new Set<string>()
  const titles = new Map<string, string>()
  const requirementIds = new Set(pack.requirements.map((r) => r.id))
  const componentIds = new Set(pack.architecture.components.map((c) => c.id))
  const covered = new Set<string>()
  for (const item of items) {
    if (keys.has(item.key)) err('duplicate_key', `work item key ${item.key} is used more than once`, [item.key])
    keys.add(item.key)
    const title = item.title.trim().toLowerCase().replace(/\s+/g, ' ')
    const twin = titles.get(title)
    if (twin) warnings.push({ code: 'duplicate_title', severity: 'warning', message: `${item.key} has the same title as ${twin}: "${item.title}"`, refs: [twin, item.key] })
    else titles.set(title, item.key)
    if (!componentIds.has(item.component)) err('unknown_component', `${item.key} names unknown component "${item.component}"`, [item.key, item.component])
    for (const rid of item.requirement_ids) {
      if (requirementIds.has(rid)) covered.add(rid)
      else err('unknown_requirement', `${item.key} names unknown requirement ${rid}`, [item.key, rid])
    }
  }
  for (const item of items) {
    for (const dep of item.depends_on) if (!keys.has(dep)) err('unknown_dependency', `${item.key} depends on unknown item ${dep}`, [item.key, dep])
  }
  const cycle = findCycle(items)
  if (cycle) err('cycle', `dependency cycle: ${cycle.join(' -> ')}`, cycle)
  const gaps = pack.requirements.filter((r) => r.priority === 'must' && !covered.has(r.id)).map((r) => r.id)
  if (gaps.length) err('uncovered_must', `must requirements no work item covers: ${gaps.join(', ')}`, gaps)
  const byCategory: Record<string, number> = {}
  for (const item of items) byCategory[item.category] = (byCategory[item.category] ?? 0) + 1
  if (!byCategory.test) err('no_tests', 'no work item has category "test": testing work is part of the plan', [])
  const points = items.reduce((sum, i) => sum + POINTS[i.size], 0)
  const path = cycle ? 0 : criticalPath(items)
  return { ok: errors.length === 0, errors, warnings, stats: { items: items.length, points, criticalPath: path, complexity: points + 2 * path, byCategory } }
}

/** Dependencies before dependants (Kahn's order, stable by position); assumes a validated DAG. */
export function topologicalOrder(items: WorkItem[]): WorkItem[] {
  const byKey = new Map(items.map((i) => [i.key, i]))
  const done = new Set<string>()
  const out: WorkItem[] = []
  const place = (item: WorkItem) => {
    if (done.has(item.key)) return
    done.add(item.key)
    for (const dep of item.depends_on) {
      const d = byKey.get(dep)
      if (d) place(d)
    }
    out.push(item)
  }
  items.forEach(place)
  return out
}
