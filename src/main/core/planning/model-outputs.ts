import { z } from 'zod'
import { actorSchema, architectureSchema, entitySchema, integrationSchema, requirementPriorities, workItemSchema, workflowSchema } from '../../../shared/domain'

// The tools the planning model answers through: each input schema is strict, so output that does not fit
// is caught and sent back for repair instead of being half-used.

const str = (max: number) => z.string().trim().min(1).max(max)

export const clarificationsOutput = z.strictObject({
  title: str(200),
  summary: str(4_000),
  questions: z
    .array(z.strictObject({ question: str(1_000), default_assumption: str(1_000), why_it_matters: str(1_000) }))
    .min(3, 'ask 3 to 5 questions')
    .max(5, 'ask 3 to 5 questions')
})
export type ClarificationsOutput = z.output<typeof clarificationsOutput>

export const extractionOutput = z.strictObject({
  requirements: z.array(
    z.strictObject({
      text: str(2_000),
      priority: z.enum(requirementPriorities),
      acceptance_criteria: z.array(str(1_000)).max(20),
      /** The heading (or a short quote) of the PRD passage it comes from. */
      source_heading: str(200)
    })
  ).max(2_000),
  actors: z.array(actorSchema).max(100),
  workflows: z.array(workflowSchema).max(100),
  entities: z.array(entitySchema).max(300),
  integrations: z.array(integrationSchema).max(100),
  nfrs: z.array(z.strictObject({ category: str(80), text: str(1_000), target: z.string().max(300) })).max(200)
})
export type ExtractionOutput = z.output<typeof extractionOutput>

export const architectureOutput = z.strictObject({
  architecture: architectureSchema,
  assumptions: z.array(str(1_000)).max(100),
  open_questions: z.array(str(1_000)).max(100)
})
export type ArchitectureOutput = z.output<typeof architectureOutput>

export const proposalOutput = z.strictObject({
  summary: str(2_000),
  architecture: architectureSchema,
  assumptions: z.array(str(1_000)).max(100),
  open_questions: z.array(str(1_000)).max(100)
})
export type ProposalOutput = z.output<typeof proposalOutput>

export const decompositionOutput = z.strictObject({ items: z.array(workItemSchema).min(1).max(5_000) })
export type DecompositionOutput = z.output<typeof decompositionOutput>
