import { z } from 'zod'
import { componentId } from './planning'

export const workItemCategories = ['feature', 'test', 'infra', 'docs', 'chore', 'research'] as const
export type WorkItemCategory = (typeof workItemCategories)[number]
export const workItemSizes = ['xs', 's', 'm', 'l'] as const
export type WorkItemSize = (typeof workItemSizes)[number]

const str = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000]*$/, 'must not contain NUL bytes')

/** One small unit of work of a decomposition; becomes one issue on approval. */
export const workItemSchema = z.strictObject({
  key: z.string().regex(/^[A-Z][A-Z0-9]{0,9}-\d{1,5}$/, 'a work item key looks like W-12'),
  title: str(300),
  summary: str(4_000),
  acceptance_criteria: z.array(str(1_000)).min(1, 'each work item needs at least one acceptance criterion').max(30),
  component: componentId,
  requirement_ids: z.array(z.string()).max(200),
  depends_on: z.array(z.string()).max(100),
  size: z.enum(workItemSizes),
  scale_tier: z.number().int().min(0).max(5),
  category: z.enum(workItemCategories)
})
export type WorkItem = z.output<typeof workItemSchema>

export const workItemsSchema = z.array(workItemSchema).max(20_000)

export const decompositionProblemCodes = [
  'duplicate_key',
  'duplicate_title',
  'unknown_dependency',
  'unknown_requirement',
  'unknown_component',
  'cycle',
  'uncovered_must',
  'no_tests'
] as const
export type DecompositionProblemCode = (typeof decompositionProblemCodes)[number]

/** Something wrong (error) or suspicious (warning) in a decomposition, naming the items involved. */
export interface DecompositionProblem {
  code: DecompositionProblemCode
  severity: 'error' | 'warning'
  message: string
  /** Work item keys, requirement ids or component ids the problem is about (a cycle in order). */
  refs: string[]
}

/** What validation found; errors block approval, warnings are shown. */
export interface DecompositionReport {
  ok: boolean
  errors: DecompositionProblem[]
  warnings: DecompositionProblem[]
  stats: {
    items: number
    /** Sum of size points (xs 1, s 2, m 3, l 5). */
    points: number
    /** Items on the longest dependency chain. */
    criticalPath: number
    /** points + 2 x criticalPath: grows with both the amount of work and how serial it is. */
    complexity: number
    byCategory: Record<string, number>
  }
}
