import type { ArchitecturePack, Clarification, Requirement } from '../../../shared/domain'
import type { PrdSection } from './prd-sections'

// Prompts say what each step must produce; the tool schemas say its exact shape.

const WHOLE_PRD_LIMIT = 60_000

export const systemPrompt =
  'You are the planning agent of Flightdeck. You turn a product requirements document (PRD) into ONE recommended ' +
  'architecture and a backlog of small, testable work items. Be concrete, keep ids exactly as given, never invent ' +
  'requirement ids, and answer only by calling the tool you are given.'

const block = (tag: string, body: string) => `<${tag}>\n${body.trim()}\n</${tag}>`

export function constraintsBlock(constraints: Record<string, unknown>): string {
  return Object.keys(constraints).length ? block('org_constraints', JSON.stringify(constraints, null, 2)) : '<org_constraints>none</org_constraints>'
}

export function clarificationsBlock(clarifications: Clarification[]): string {
  if (clarifications.length === 0) return '<clarifications>none</clarifications>'
  return block('clarifications', clarifications.map((c) => `${c.id}. ${c.question}\n   answer: ${c.answer ?? `(default) ${c.default_assumption}`}`).join('\n'))
}

/** A PRD too large to send whole is shown as its outline and opening; the sectioned steps read all of it. */
export function prdForOverview(prd: string, sections: PrdSection[]): string {
  if (prd.length <= WHOLE_PRD_LIMIT) return block('prd', prd)
  const outline = sections.map((s) => `${s.id}: ${s.title} (${s.text.length} chars)`).join('\n')
  return `${block('prd_outline', outline)}\n${block('prd_opening', prd.slice(0, WHOLE_PRD_LIMIT / 2))}`
}

export function clarifyPrompt(prd: string, sections: PrdSection[], constraints: Record<string, unknown>): string {
  return [
    prdForOverview(prd, sections),
    constraintsBlock(constraints),
    'Give the PRD a short title and a summary, then ask 3 to 5 questions whose answers would change the architecture ' +
      '(scale, tenancy, consistency, integrations, deployment, data retention...). For each give the default assumption ' +
      'you will make if unanswered and why it matters. Call submit_clarifications.'
  ].join('\n\n')
}

export function extractPrompt(section: PrdSection, total: number, title: string, constraints: Record<string, unknown>, clarifications: Clarification[]): string {
  return [
    `PRD "${title}", section ${section.id} of ${total} ("${section.title}").`,
    block('section', section.text),
    constraintsBlock(constraints),
    clarificationsBlock(clarifications),
    'Extract EVERY requirement stated in this section: one entry per requirement, none merged or skipped, with priority ' +
      '(must/should/could: "must"/"shall" is must), acceptance criteria, and the heading it is under as source_heading. ' +
      'Also list actors, workflows, entities, integrations and non-functional requirements this section mentions ' +
      '(empty lists when none). Call submit_requirements.'
  ].join('\n\n')
}

export function requirementLines(requirements: Requirement[]): string {
  return requirements.map((r) => `${r.id} [${r.priority}] ${r.text}`).join('\n')
}

export function architecturePrompt(pack: Omit<ArchitecturePack, 'architecture' | 'coverage' | 'trace' | 'assumptions' | 'open_questions'>): string {
  return [
    block('summary', `${pack.prd.title}\n${pack.prd.summary}`),
    block('requirements', requirementLines(pack.requirements)),
    block('nfrs', pack.nfrs.map((n) => `${n.id} ${n.category}: ${n.text} ${n.target}`).join('\n') || 'none'),
    block('entities', pack.entities.map((e) => `${e.name}: ${e.attributes.join(', ')}`).join('\n') || 'none'),
    block('integrations', pack.integrations.map((i) => `${i.name} (${i.direction}): ${i.purpose}`).join('\n') || 'none'),
    constraintsBlock(pack.org_constraints),
    clarificationsBlock(pack.clarifications),
    'Design ONE architecture: components (kebab-case ids, a type, a responsibility, and the requirement ids each one ' +
      'implements: every must requirement must belong to at least one component), relationships between components ' +
      '(kind: calls/reads/writes/publishes/subscribes/depends_on), data flows, data stores, the rationale and the ' +
      'tradeoffs you made; then your assumptions and open questions. Call submit_architecture.'
  ].join('\n\n')
}

export function architectureSummary(pack: ArchitecturePack): string {
  const a = pack.architecture
  return [
    block('components', a.components.map((c) => `${c.id} (${c.type}) "${c.name}": ${c.responsibility} [${c.requirement_ids.join(', ')}]`).join('\n')),
    block('relationships', a.relationships.map((r) => `${r.from} -${r.kind}-> ${r.to}`).join('\n') || 'none')
  ].join('\n\n')
}

export function decomposePrompt(pack: ArchitecturePack, scope: { requirements: Requirement[]; componentIds: string[]; keyPrefix: string }): string {
  return [
    block('summary', `${pack.prd.title}\n${pack.prd.summary}`),
    architectureSummary(pack),
    block('requirements', requirementLines(scope.requirements)),
    constraintsBlock(pack.org_constraints),
    `Break the work for components ${scope.componentIds.join(', ')} into small work items (one agent, under a day each). ` +
      `Keys are ${scope.keyPrefix}-1, ${scope.keyPrefix}-2, ...; depends_on names keys of this list only and must not form a cycle. ` +
      'Every must requirement above must be covered by at least one item (requirement_ids). Include test items ' +
      '(category "test") and infra/docs where needed. size: xs/s/m/l; scale_tier 0 (trivial) to 5 (system-wide). ' +
      'Call submit_work_items.'
  ].join('\n\n')
}

export function refinePrompt(pack: ArchitecturePack, history: { role: string; content: string }[], message: string): string {
  return [
    block('requirements', requirementLines(pack.requirements)),
    architectureSummary(pack),
    block('architecture_json', JSON.stringify({ architecture: pack.architecture, assumptions: pack.assumptions, open_questions: pack.open_questions })),
    history.length ? block('conversation', history.map((m) => `${m.role}: ${m.content}`).join('\n')) : '',
    block('request', message),
    'Answer the request in plain prose first. If it calls for a change to the architecture, then call propose_revision ' +
      'with the COMPLETE revised architecture (every component, relationship and data store, changed or not), keeping ' +
      'every must requirement covered.'
  ].filter(Boolean).join('\n\n')
}
