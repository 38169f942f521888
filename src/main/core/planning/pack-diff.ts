import type { ArchitecturePack, ChangeSet, PackDiff } from '../../../shared/domain'

function changeSet<T>(before: T[], after: T[], key: (item: T) => string): ChangeSet<T> {
  const old = new Map(before.map((x) => [key(x), x]))
  const neu = new Map(after.map((x) => [key(x), x]))
  const set: ChangeSet<T> = { added: [], removed: [], changed: [] }
  for (const [k, item] of neu) {
    const prior = old.get(k)
    if (!prior) set.added.push(item)
    else if (JSON.stringify(prior) !== JSON.stringify(item)) set.changed.push({ before: prior, after: item })
  }
  for (const [k, item] of old) if (!neu.has(k)) set.removed.push(item)
  return set
}

/** Components by id, relationships by their ends, requirements by id: added, removed and changed. */
export function diffPacks(from: { version: number; pack: ArchitecturePack }, to: { version: number; pack: ArchitecturePack }): PackDiff {
  return {
    from: from.version,
    to: to.version,
    components: changeSet(from.pack.architecture.components, to.pack.architecture.components, (c) => c.id),
    relationships: changeSet(from.pack.architecture.relationships, to.pack.architecture.relationships, (r) => `${r.from}->${r.to}`),
    requirements: changeSet(from.pack.requirements, to.pack.requirements, (r) => r.id)
  }
}
