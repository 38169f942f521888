import type { Architecture, Requirement } from '../../../shared/domain'

/**
 * What the schema cannot check: ids refer to things that exist, nothing is duplicated, and every must
 * requirement is owned by some component. Each problem is a sentence the model (or a person) can act on.
 */
export function checkArchitecture(arch: Architecture, requirements: Requirement[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const c of arch.components) {
    if (ids.has(c.id)) problems.push(`component id "${c.id}" is used twice`)
    ids.add(c.id)
  }
  const storeIds = new Set(arch.data_stores.map((d) => d.id))
  const nodes = new Set([...ids, ...storeIds])
  const known = new Set(requirements.map((r) => r.id))
  const seenEdges = new Set<string>()
  arch.relationships.forEach((r, i) => {
    for (const end of [r.from, r.to]) if (!ids.has(end)) problems.push(`relationships.${i}: unknown component "${end}"`)
    if (r.from === r.to) problems.push(`relationships.${i}: "${r.from}" relates to itself`)
    const key = `${r.from}->${r.to}`
    if (seenEdges.has(key)) problems.push(`relationships.${i}: ${key} appears twice (one relationship per pair)`)
    seenEdges.add(key)
  })
  arch.data_flows.forEach((f, i) => {
    for (const end of [f.from, f.to]) if (!nodes.has(end)) problems.push(`data_flows.${i}: unknown component or data store "${end}"`)
  })
  arch.data_stores.forEach((d, i) => {
    if (!ids.has(d.owner_component)) problems.push(`data_stores.${i}: unknown owner component "${d.owner_component}"`)
  })
  const covered = new Set<string>()
  for (const c of arch.components) {
    const unknown = c.requirement_ids.filter((rid) => !known.has(rid))
    if (unknown.length) problems.push(`component "${c.id}" lists unknown requirement ids ${unknown.slice(0, 10).join(', ')}`)
    for (const rid of c.requirement_ids) covered.add(rid)
  }
  const uncovered = requirements.filter((r) => r.priority === 'must' && !covered.has(r.id)).map((r) => r.id)
  if (uncovered.length) problems.push(`must requirements no component covers (add them to a component's requirement_ids): ${uncovered.join(', ')}`)
  return problems
}
