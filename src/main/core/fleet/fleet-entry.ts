import type { FleetArtifact, FleetEntry, FleetFact, FleetFields } from '../../../shared/contract/fleet'
import type { Repo } from '../../../shared/domain'
import type { GraphNode } from './fleet-graph'
import { imageName } from './manifests'
import type { FleetRecord } from './fleet.repository'

type FieldName = keyof FleetFields
const FIELDS: FieldName[] = ['owners', 'criticality', 'lifecycle', 'tags', 'links', 'dependsOn', 'images']

const uniq = (xs: string[]) => [...new Set(xs)]

/** One field's effective value and source: set or imported first, then the repository's catalog-info.yaml. */
function pick<K extends FieldName>(record: FleetRecord | undefined, field: K): { value: NonNullable<FleetFields[K]>; source: string } | null {
  const own = record?.fields[field]
  if (own !== undefined && own !== null) return { value: own as NonNullable<FleetFields[K]>, source: record!.sources[field] ?? 'set' }
  const cat = record?.scan?.catalog?.fields[field]
  if (cat !== undefined && cat !== null) return { value: cat as NonNullable<FleetFields[K]>, source: 'catalog-info.yaml' }
  return null
}

const show = (v: unknown): string => {
  const link = v as { title?: unknown; url?: unknown } | null
  return typeof link === 'object' && link && typeof link.url === 'string' ? `${String(link.title)} ${link.url}` : String(v)
}

/** A repository's catalog entry: detected facts, overlaid with catalog-info.yaml, overlaid with what was set. */
export function toFleetEntry(repo: Repo, record: FleetRecord | undefined): FleetEntry {
  const detected = record?.scan?.facts ?? []
  const facts: FleetFact[] = detected.filter((f) => f.field !== 'owners')
  const values = Object.fromEntries(FIELDS.map((f) => [f, pick(record, f)])) as { [K in FieldName]: ReturnType<typeof pick<K>> }
  for (const field of FIELDS) {
    const v = values[field]
    if (!v) continue
    for (const item of Array.isArray(v.value) ? v.value : [v.value]) facts.push({ field, value: show(item), source: v.source })
  }
  const detectedOwners = detected.filter((f) => f.field === 'owners')
  if (!values.owners) facts.push(...detectedOwners)
  const images: FleetArtifact[] = (values.images?.value ?? []).map((name) => ({ kind: 'docker', name: imageName(name), source: values.images!.source }))
  const of = (field: FleetFact['field']) => uniq(detected.filter((f) => f.field === field).map((f) => f.value))
  return {
    repoId: repo.id,
    name: repo.name,
    path: repo.path,
    owners: values.owners?.value ?? uniq(detectedOwners.map((f) => f.value)),
    criticality: values.criticality?.value ?? null,
    lifecycle: values.lifecycle?.value ?? 'active',
    tags: values.tags?.value ?? [],
    links: values.links?.value ?? [],
    runtimes: of('runtime'),
    packageManagers: of('packageManager'),
    ci: of('ci'),
    publishes: [...(record?.scan?.publishes ?? []), ...images],
    dependsOn: values.dependsOn?.value ?? [],
    facts,
    problems: record?.scan?.problems ?? [],
    scannedHead: record?.scanHead ?? null,
    scannedAt: record?.scannedAt ?? null
  }
}

/** What the graph needs of an entry; declared edges carry the line of the catalog file that declares them. */
export function toGraphNode(entry: FleetEntry, record: FleetRecord | undefined): GraphNode {
  const ownDeclared = record?.fields.dependsOn
  const evidence = ownDeclared ? (record?.sources.dependsOnEvidence ?? {}) : (record?.scan?.catalog?.dependsOnEvidence ?? {})
  const fallback = ownDeclared ? (record?.sources.dependsOn ?? 'set') : 'catalog-info.yaml'
  return {
    repoId: entry.repoId,
    name: entry.name,
    criticality: entry.criticality,
    owners: entry.owners,
    publishes: entry.publishes,
    uses: record?.scan?.uses ?? [],
    declared: entry.dependsOn.map((name) => ({ name, evidence: evidence[name] ?? fallback }))
  }
}
