import { z } from 'zod'

// The architecture pack contract (WSPass `architecture_pack.json`). Every object is strict so a model's
// output is checked field by field; the same schemas become the JSON schemas of the model's tools.

const str = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000]*$/, 'must not contain NUL bytes')
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max)

export const requirementPriorities = ['must', 'should', 'could'] as const
export type RequirementPriority = (typeof requirementPriorities)[number]
export const componentTypes = ['ui', 'service', 'api', 'worker', 'database', 'queue', 'cache', 'storage', 'gateway', 'external', 'library'] as const
export type ComponentType = (typeof componentTypes)[number]
export const relationshipKinds = ['calls', 'reads', 'writes', 'publishes', 'subscribes', 'depends_on'] as const
export type RelationshipKind = (typeof relationshipKinds)[number]

export const componentIdPattern = /^[a-z][a-z0-9-]{0,62}$/
export const componentId = z.string().regex(componentIdPattern, 'a component id is kebab-case, e.g. "order-api"')

export const requirementSchema = z.strictObject({
  id: z.string().regex(/^R-\d{3,5}$/, 'a requirement id looks like R-001'),
  text: str(2_000),
  priority: z.enum(requirementPriorities),
  acceptance_criteria: list(str(1_000), 20),
  /** Where in the PRD it comes from: section id and heading, e.g. "S3 Checkout". */
  source: str(300)
})
export type Requirement = z.output<typeof requirementSchema>

export const clarificationSchema = z.strictObject({
  id: z.string().regex(/^Q\d+$/),
  question: str(1_000),
  default_assumption: str(1_000),
  why_it_matters: str(1_000),
  /** The person's answer; null means the default assumption stands. */
  answer: z.string().max(4_000).nullable()
})
export type Clarification = z.output<typeof clarificationSchema>

export const componentSchema = z.strictObject({
  id: componentId,
  name: str(120),
  type: z.enum(componentTypes),
  responsibility: z.string().max(2_000),
  requirement_ids: list(z.string(), 2_000)
})
export type ArchComponent = z.output<typeof componentSchema>

export const relationshipSchema = z.strictObject({
  from: componentId,
  to: componentId,
  kind: z.enum(relationshipKinds),
  description: z.string().max(500)
})
export type Relationship = z.output<typeof relationshipSchema>

export const architectureSchema = z.strictObject({
  components: list(componentSchema, 2_500).min(1, 'an architecture has at least one component'),
  relationships: list(relationshipSchema, 10_000),
  data_flows: list(z.strictObject({ from: componentId, to: componentId, data: str(300), description: z.string().max(500) }), 1_000),
  data_stores: list(z.strictObject({ id: componentId, name: str(120), kind: str(80), owner_component: componentId }), 200),
  rationale: str(8_000),
  tradeoffs: list(z.strictObject({ decision: str(500), pros: list(str(500), 10), cons: list(str(500), 10) }), 50)
})
export type Architecture = z.output<typeof architectureSchema>

export const actorSchema = z.strictObject({ name: str(120), description: z.string().max(1_000) })
export const workflowSchema = z.strictObject({ name: str(200), actors: list(str(120), 20), steps: list(str(500), 50) })
export const entitySchema = z.strictObject({ name: str(120), description: z.string().max(1_000), attributes: list(str(200), 100) })
export const integrationSchema = z.strictObject({ name: str(120), purpose: str(1_000), direction: z.enum(['inbound', 'outbound', 'both']) })
export const nfrSchema = z.strictObject({ id: z.string().regex(/^N-\d{3,4}$/), category: str(80), text: str(1_000), target: z.string().max(300) })

export const coverageSchema = z.strictObject({
  requirements_total: z.number().int(),
  must_total: z.number().int(),
  covered_total: z.number().int(),
  /** Requirements no component claims; a must requirement here blocks decomposition. */
  uncovered: z.array(z.string())
})
export const traceEntrySchema = z.strictObject({ requirement_id: z.string(), source: z.string(), component_ids: z.array(z.string()) })

export const prdSummarySchema = z.strictObject({
  title: str(200),
  summary: str(8_000),
  sections: z.array(z.strictObject({ id: z.string(), title: z.string(), chars: z.number().int(), requirement_count: z.number().int() })),
  source_chars: z.number().int()
})

/** One immutable version of a plan's architecture: the single architecture and everything it is traced to. */
export const architecturePackSchema = z.strictObject({
  schema_version: z.literal(1),
  prd: prdSummarySchema,
  org_constraints: z.record(z.string(), z.unknown()),
  clarifications: z.array(clarificationSchema),
  actors: z.array(actorSchema),
  workflows: z.array(workflowSchema),
  requirements: z.array(requirementSchema),
  entities: z.array(entitySchema),
  integrations: z.array(integrationSchema),
  nfrs: z.array(nfrSchema),
  architecture: architectureSchema,
  assumptions: z.array(z.string()),
  open_questions: z.array(z.string()),
  coverage: coverageSchema,
  trace: z.array(traceEntrySchema)
})
export type ArchitecturePack = z.output<typeof architecturePackSchema>
