import { z } from 'zod'
import { doctrinePriorities, minimumGrades, violationSeverities } from '../../../shared/domain'

const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]))
const priority = z.enum(doctrinePriorities).default('must')
const severity = z.enum(violationSeverities).optional()

/** A component and the paths that belong to it: new files must land inside some component. */
export const componentRule = z.strictObject({
  name: z.string().min(1).max(100),
  paths: globs,
  priority
})

/** Files matching `from` must not import files matching `to` nor the named packages. */
export const importRule = z
  .strictObject({
    name: z.string().min(1).max(100),
    from: globs,
    to: z.array(z.string().min(1)).default([]),
    /** Package names or globs over them, e.g. "electron", "node:*", "@aws-sdk/*". */
    packages: z.array(z.string().min(1)).default([]),
    /** Type-only imports vanish at run time; by default they still count (they still couple layers). */
    ignoreTypeOnly: z.boolean().default(false),
    reason: z.string().max(500).optional(),
    priority,
    severity
  })
  .refine((r) => r.to.length + r.packages.length > 0, { message: 'an import rule needs `to` globs or `packages`', path: ['to'] })

/** How big a change of a tier may be. */
export const scaleTier = z.strictObject({
  tier: z.number().int().min(0).max(5),
  maxFiles: z.number().int().min(1).max(100_000),
  maxLines: z.number().int().min(1).max(10_000_000),
  newDependencies: z.boolean().default(false),
  priority
})

/** The machine-checkable part of a doctrine: an ADR's fenced block or the policy's governance section. */
export const ruleSet = z.strictObject({
  components: z.array(componentRule).default([]),
  imports: z.array(importRule).default([]),
  tiers: z.array(scaleTier).default([])
})

const grade = z.enum(minimumGrades).nullable().default(null)

/** The `governance` section of `.flightdeck/policy.json`. */
export const governancePolicySchema = z.strictObject({
  /** Where the ADRs live (markdown with a ```flightdeck-rules block). */
  adrDir: z.string().min(1).default('docs/adr'),
  namespace: z.string().min(1).max(100).default('repo'),
  ...ruleSet.shape,
  /** Tier applied when an issue has none; null means size is not checked for such issues. */
  defaultTier: z.number().int().min(0).max(5).nullable().default(null),
  review: z
    .strictObject({
      /** Minimum plan grade before a run may start; null: plans are not graded. */
      planMinimum: grade,
      /** Minimum completion grade before a run may close; null: completions are not graded. */
      completionMinimum: grade,
      allowOverEngineered: z.boolean().default(false),
      /** Times the grader is shown its invalid output and asked again. */
      repairAttempts: z.number().int().min(0).max(5).default(2)
    })
    .default({ planMinimum: null, completionMinimum: null, allowOverEngineered: false, repairAttempts: 2 }),
  gates: z
    .strictObject({
      /** The start gate requires the issue to be approved (or further along). */
      requireApproved: z.boolean().default(false),
      /** Times a failed close gate sends the run back before it fails. */
      closeRetries: z.number().int().min(0).max(20).default(2)
    })
    .default({ requireApproved: false, closeRetries: 2 })
})

export type GovernancePolicy = z.output<typeof governancePolicySchema>
export type RuleSet = z.output<typeof ruleSet>
export type ImportRule = z.output<typeof importRule>
export type ComponentRule = z.output<typeof componentRule>
export type ScaleTier = z.output<typeof scaleTier>
