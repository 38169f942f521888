import { isMap, isSeq, LineCounter, parseAllDocuments, stringify, type Document } from 'yaml'
import { type FleetFields, fleetFieldsSchema } from '../../../shared/contract/fleet'
import { ApiError } from '../../../shared/errors'

/** One repository's values from a catalog file, and the `file:line` of each declared dependency. */
export interface CatalogRecord {
  name: string
  fields: FleetFields
  /** Declared dependency name -> `file:line`. */
  dependsOnEvidence: Record<string, string>
}

const asStrings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : undefined)

/** `group:default/payments` -> `payments`; `component:auth` -> `auth` (Backstage entity references). */
const entityName = (ref: string): string => {
  const afterKind = ref.slice(ref.lastIndexOf(':') + 1)
  return afterKind.slice(afterKind.lastIndexOf('/') + 1)
}

function lineOf(doc: Document, lc: LineCounter, path: (string | number)[]): number | null {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined
  return node?.range ? lc.linePos(node.range[0]).line : null
}

function parseFields(raw: unknown, where: string): FleetFields {
  const parsed = fleetFieldsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ApiError('invalid_input', `${where}: ${issue.path.join('.') || 'entry'}: ${issue.message}`, 'yaml')
  }
  return parsed.data
}

/** A Backstage Component document's values: owner, lifecycle, tags, links, dependsOn, and a criticality annotation. */
function fromBackstage(doc: Document, lc: LineCounter, source: string): CatalogRecord | null {
  const d = doc.toJS() as Record<string, any>
  if (d?.kind !== 'Component' || typeof d.metadata?.name !== 'string') return null
  const spec = d.spec ?? {}
  const meta = d.metadata
  const fields: Record<string, unknown> = {}
  if (typeof spec.owner === 'string') fields.owners = [entityName(spec.owner)]
  if (typeof spec.lifecycle === 'string') fields.lifecycle = spec.lifecycle === 'deprecated' ? 'deprecated' : 'active'
  if (Array.isArray(meta.tags)) fields.tags = asStrings(meta.tags)
  if (Array.isArray(meta.links)) fields.links = meta.links.filter((l: any) => typeof l?.url === 'string').map((l: any) => ({ title: String(l.title ?? l.url), url: l.url }))
  const tier = meta.annotations?.['flightdeck.dev/criticality']
  if (tier !== undefined) fields.criticality = Number(tier)
  const deps = asStrings(spec.dependsOn) ?? []
  const dependsOnEvidence: Record<string, string> = {}
  deps.forEach((ref, i) => {
    const line = lineOf(doc, lc, ['spec', 'dependsOn', i])
    dependsOnEvidence[entityName(ref)] = line ? `${source}:${line}` : source
  })
  if (deps.length) fields.dependsOn = deps.map(entityName)
  return { name: meta.name, fields: parseFields(fields, `${source} (${meta.name})`), dependsOnEvidence }
}

/**
 * Reads a catalog file: Flightdeck's own (`repositories:` a list of `{name, owners, criticality, ...}`) or
 * Backstage documents (`kind: Component`, one or many per file). Other Backstage kinds are skipped.
 */
export function parseCatalogFile(text: string, source: string): CatalogRecord[] {
  const lc = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter: lc })
  if (!Array.isArray(docs)) throw new ApiError('invalid_input', `${source} is not YAML`, 'yaml')
  const records: CatalogRecord[] = []
  for (const doc of docs) {
    if (doc.errors.length) throw new ApiError('invalid_input', `${source}: ${doc.errors[0]!.message.split('\n')[0]}`, 'yaml')
    const contents = doc.contents
    if (!isMap(contents)) continue
    const list = contents.get('repositories', true)
    if (list === undefined) {
      const record = fromBackstage(doc, lc, source)
      if (record) records.push(record)
      continue
    }
    if (!isSeq(list)) throw new ApiError('invalid_input', `${source}: repositories must be a list`, 'yaml')
    list.items.forEach((_, i) => {
      const raw = doc.getIn(['repositories', i]) as unknown
      const js = (raw && typeof raw === 'object' && 'toJSON' in raw ? (raw as { toJSON(): unknown }).toJSON() : raw) as Record<string, unknown> | null
      if (!js || typeof js !== 'object' || typeof js.name !== 'string') throw new ApiError('invalid_input', `${source}: repositories[${i}] needs a name`, 'yaml')
      const { name, ...rest } = js
      const fields = parseFields(rest, `${source} (${name})`)
      const dependsOnEvidence: Record<string, string> = {}
      ;(fields.dependsOn ?? []).forEach((dep, j) => {
        const line = lineOf(doc, lc, ['repositories', i, 'dependsOn', j])
        dependsOnEvidence[dep] = line ? `${source}:${line}` : source
      })
      records.push({ name, fields, dependsOnEvidence })
    })
  }
  return records
}

const FIELD_ORDER = ['owners', 'criticality', 'lifecycle', 'tags', 'links', 'dependsOn', 'images'] as const satisfies readonly (keyof FleetFields)[]

/** Flightdeck's catalog format, which {@link parseCatalogFile} reads back. */
export function writeCatalogFile(records: { name: string; fields: FleetFields }[]): string {
  const repositories = records.map(({ name, fields }) => {
    const out: Record<string, unknown> = { name }
    for (const k of FIELD_ORDER) if (fields[k] !== null && fields[k] !== undefined) out[k] = fields[k]
    return out
  })
  return stringify({ repositories })
}
