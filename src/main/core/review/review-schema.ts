import { z } from 'zod'
import { grades, reviewCategories } from '../../../shared/domain'

const finding = z.strictObject({
  category: z.enum(reviewCategories),
  verdict: z.enum(['ok', 'concern', 'problem']),
  notes: z.string().min(1).max(4_000)
})

const common = {
  grade: z.enum(grades).describe('F, D, C, B, A, or OVER_ENGINEERED when the work is far more than its scale tier calls for'),
  summary: z.string().min(1).max(4_000),
  findings: z.array(finding).min(1).max(20).describe('one entry per category: scale, correctness, tests, maintainability, security'),
  requiredFixes: z.array(z.string().min(1).max(2_000)).max(30).describe('what must change before the work can pass; empty when nothing must')
}

/** What the grader must submit for a plan. */
export const planReviewSchema = z.strictObject({
  ...common,
  estimate: z.strictObject({
    files: z.number().int().min(0).max(100_000),
    lines: z.number().int().min(0).max(10_000_000),
    newDependencies: z.array(z.string().min(1).max(214)).max(100)
  })
})

/** What the grader must submit for a completion. */
export const completionReviewSchema = z.strictObject({
  ...common,
  criteria: z
    .array(z.strictObject({ criterion: z.string().min(1).max(2_000), met: z.boolean(), notes: z.string().max(2_000) }))
    .max(100)
    .describe('every acceptance criterion, in the order given, with the exact text, and whether the work meets it')
})

export type PlanReviewOutput = z.output<typeof planReviewSchema>
export type CompletionReviewOutput = z.output<typeof completionReviewSchema>

/** Checks a schema cannot express; each problem goes back to the grader in the repair loop. */
export function reviewProblems(output: { grade: string; requiredFixes: string[]; findings: { category: string }[] }, criteria?: { expected: string[]; given: { criterion: string }[] }): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const f of output.findings) {
    if (seen.has(f.category)) problems.push(`findings: category ${f.category} appears more than once`)
    seen.add(f.category)
  }
  if (['F', 'D', 'C', 'OVER_ENGINEERED'].includes(output.grade) && output.requiredFixes.length === 0) {
    problems.push(`requiredFixes: a grade of ${output.grade} needs at least one required fix, so the agent knows what to change`)
  }
  if (criteria) {
    const given = criteria.given.map((c) => c.criterion.trim())
    const missing = criteria.expected.filter((c) => !given.includes(c.trim()))
    if (missing.length) problems.push(`criteria: missing ${missing.map((m) => JSON.stringify(m)).join(', ')} (give every acceptance criterion with its exact text)`)
  }
  return problems
}
