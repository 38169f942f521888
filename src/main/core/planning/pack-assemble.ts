import type { ArchitecturePack, Clarification } from '../../../shared/domain'
import type { ArchitectureOutput, ExtractionOutput } from './model-outputs'
import type { PrdSection } from './prd-sections'

type Extracted = Pick<ArchitecturePack, 'actors' | 'workflows' | 'requirements' | 'entities' | 'integrations' | 'nfrs'>

const pad = (n: number, total: number) => String(n).padStart(total > 999 ? 4 : 3, '0')

function uniqueBy<T>(items: T[], key: (item: T) => string, merge?: (a: T, b: T) => T): T[] {
  const byKey = new Map<string, T>()
  for (const item of items) {
    const k = key(item).trim().toLowerCase()
    const seen = byKey.get(k)
    byKey.set(k, seen && merge ? merge(seen, item) : (seen ?? item))
  }
  return [...byKey.values()]
}

/** Merges per-section extractions in document order; requirement and NFR ids are ours (R-001, N-001), never the model's. */
export function mergeExtractions(parts: { section: PrdSection; output: ExtractionOutput }[]): Extracted {
  const reqs = parts.flatMap(({ section, output }) => output.requirements.map((r) => ({ ...r, section })))
  const nfrs = parts.flatMap((p) => p.output.nfrs)
  return {
    requirements: reqs.map((r, i) => ({
      id: `R-${pad(i + 1, reqs.length)}`,
      text: r.text,
      priority: r.priority,
      acceptance_criteria: r.acceptance_criteria,
      source: `${r.section.id} ${r.source_heading}`.slice(0, 300)
    })),
    nfrs: uniqueBy(nfrs, (n) => n.text).map((n, i, all) => ({ id: `N-${pad(i + 1, all.length)}`, ...n })),
    actors: uniqueBy(parts.flatMap((p) => p.output.actors), (a) => a.name),
    workflows: uniqueBy(parts.flatMap((p) => p.output.workflows), (w) => w.name),
    entities: uniqueBy(parts.flatMap((p) => p.output.entities), (e) => e.name, (a, b) => ({ ...a, attributes: [...new Set([...a.attributes, ...b.attributes])] })),
    integrations: uniqueBy(parts.flatMap((p) => p.output.integrations), (x) => x.name)
  }
}

/** Coverage and trace are computed from the components' requirement ids, never taken from the model. */
export function withTrace(pack: Omit<ArchitecturePack, 'coverage' | 'trace'>): ArchitecturePack {
  const owners = new Map<string, string[]>()
  for (const c of pack.architecture.components) {
    for (const rid of c.requirement_ids) owners.set(rid, [...(owners.get(rid) ?? []), c.id])
  }
  const trace = pack.requirements.map((r) => ({ requirement_id: r.id, source: r.source, component_ids: owners.get(r.id) ?? [] }))
  const uncovered = trace.filter((t) => t.component_ids.length === 0).map((t) => t.requirement_id)
  return {
    ...pack,
    coverage: {
      requirements_total: pack.requirements.length,
      must_total: pack.requirements.filter((r) => r.priority === 'must').length,
      covered_total: pack.requirements.length - uncovered.length,
      uncovered
    },
    trace
  }
}

export interface PackHeader {
  title: string
  summary: string
  sections: PrdSection[]
  sourceChars: number
  orgConstraints: Record<string, unknown>
  clarifications: Clarification[]
}

export function assemblePack(header: PackHeader, extracted: Extracted, arch: ArchitectureOutput): ArchitecturePack {
  const counts = new Map<string, number>()
  for (const r of extracted.requirements) counts.set(r.source.split(' ')[0] ?? '', (counts.get(r.source.split(' ')[0] ?? '') ?? 0) + 1)
  return withTrace({
    schema_version: 1,
    prd: {
      title: header.title,
      summary: header.summary,
      sections: header.sections.map((s) => ({ id: s.id, title: s.title, chars: s.text.length, requirement_count: counts.get(s.id) ?? 0 })),
      source_chars: header.sourceChars
    },
    org_constraints: header.orgConstraints,
    clarifications: header.clarifications,
    ...extracted,
    architecture: arch.architecture,
    assumptions: arch.assumptions,
    open_questions: arch.open_questions
  })
}

/** A pack with a revised architecture (chat proposal or wireframe edit); coverage and trace are recomputed. */
export function reviseArchitecture(pack: ArchitecturePack, arch: ArchitectureOutput): ArchitecturePack {
  const { coverage: _c, trace: _t, ...rest } = pack
  return withTrace({ ...rest, architecture: arch.architecture, assumptions: arch.assumptions, open_questions: arch.open_questions })
}
