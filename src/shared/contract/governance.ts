import { z } from 'zod'
import type { Doctrine, GateResult, ReviewReport, Violation } from '../domain'
import { gateNames, violationStatuses } from '../domain'
import { command, topic } from './kit'
import { id, text } from './schemas'

// A git revision range as `git diff` takes it; no leading dash so it can never read as an option.
const revisionRange = z
  .string()
  .trim()
  .min(1, 'range is required')
  .max(200, 'range is at most 200 characters')
  .regex(/^[A-Za-z0-9_./~^@{}-]+(\.\.\.?[A-Za-z0-9_./~^@{}-]+)?$/, 'range must look like BASE..HEAD or a revision')
  .refine((r) => !r.startsWith('-'), 'range must not start with a dash')

export const governanceCommands = {
  /** A repository's doctrine: ADRs from docs/adr and the rules of its policy, synced to doctrine refs. */
  'doctrine.list': command<Doctrine>()(z.strictObject({ repoId: id })),
  /**
   * Checks changes against the doctrine without a run: the working tree against HEAD, or a revision
   * range such as `main..feature`. Nothing is stored.
   */
  'doctrine.check': command<Violation[]>()(z.strictObject({ repoId: id, range: revisionRange.optional() })),
  /** Runs the completion checks (imports, placement, size, dependencies) on a run's diff and stores them. */
  'governance.check': command<Violation[]>()(z.strictObject({ runId: id })),
  /** Violations, newest first, of a run or a repository, optionally by status. */
  'violation.list': command<Violation[]>()(
    z
      .strictObject({ runId: id.optional(), repoId: id.optional(), status: z.enum(violationStatuses).optional() })
      .refine((v) => v.runId || v.repoId, { message: 'give a runId or a repoId', path: ['runId'] })
  ),
  /** Lets a violation through; the reason is required and recorded in the event log. */
  'violation.override': command<Violation>()(z.strictObject({ id, reason: text('reason', 2_000).min(5, 'reason must say why (at least 5 characters)') })),
  /** Asks the grader to review the run's plan (the given text, else the current briefing). */
  'review.plan': command<ReviewReport>()(z.strictObject({ runId: id, plan: text('plan', 100_000).optional() })),
  /** Asks the grader to review the run's completion: diff, acceptance criteria, checks, violations. */
  'review.completion': command<ReviewReport>()(z.strictObject({ runId: id })),
  /** The run's reviews, oldest first. */
  'review.list': command<ReviewReport[]>()(z.strictObject({ runId: id })),
  /** Evaluates a gate for a run now and records the result (the run does not move). */
  'gate.check': command<GateResult>()(z.strictObject({ runId: id, gate: z.enum(gateNames).default('close') })),
  /** Every gate result recorded for a run, oldest first. */
  'gate.results': command<GateResult[]>()(z.strictObject({ runId: id }))
}

export const governanceTopics = {
  /** A violation was found, or changed (overridden, resolved, reopened). */
  'violation.recorded': topic<{ violation: Violation }>(),
  /** A person let a violation through; the reason is part of the record. */
  'violation.overridden': topic<{ violation: Violation; reason: string }>(),
  /** The grader reviewed a plan or a completion. */
  'review.recorded': topic<{ review: ReviewReport }>(),
  /** A gate was evaluated for a run. */
  'gate.evaluated': topic<{ result: GateResult }>()
}
