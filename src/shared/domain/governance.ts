import type { DoctrinePriority } from './context'

/** The grader's verdicts, worst first; OVER_ENGINEERED sits outside the scale (too much, not too little). */
export const grades = ['F', 'D', 'C', 'B', 'A', 'OVER_ENGINEERED'] as const
export type Grade = (typeof grades)[number]
/** Grades a policy may name as a minimum. */
export const minimumGrades = ['F', 'D', 'C', 'B', 'A'] as const
export type MinimumGrade = (typeof minimumGrades)[number]

/** True when `grade` is at least `minimum`; OVER_ENGINEERED passes only when the policy allows it. */
export function meetsGrade(grade: Grade, minimum: MinimumGrade, allowOverEngineered: boolean): boolean {
  if (grade === 'OVER_ENGINEERED') return allowOverEngineered
  return grades.indexOf(grade) >= grades.indexOf(minimum)
}

export const violationSeverities = ['critical', 'high', 'medium', 'low'] as const
export type ViolationSeverity = (typeof violationSeverities)[number]
export const violationStages = ['placement', 'plan', 'completion'] as const
export type ViolationStage = (typeof violationStages)[number]
export const violationStatuses = ['open', 'overridden', 'resolved'] as const
export type ViolationStatus = (typeof violationStatuses)[number]

/** Where a broken rule shows: a file and line, and the offending text. */
export interface ViolationEvidence {
  file?: string
  line?: number
  excerpt?: string
}

/** A broken governance rule found at placement, plan or completion. */
export interface Violation {
  id: string
  repoId: string
  issueId: string | null
  runId: string | null
  stage: ViolationStage
  /** Kind of rule: import, placement, component, scale, dependency. */
  rule: string
  /** The doctrine it comes from, e.g. `adr:0003-layers` or `policy`. */
  doctrine: string
  severity: ViolationSeverity
  /** Blocking violations fail the gates until fixed or overridden; warnings only show. */
  blocking: boolean
  message: string
  evidence: ViolationEvidence[]
  status: ViolationStatus
  overrideReason: string | null
  createdAt: string
  updatedAt: string
}

export const reviewStages = ['plan', 'completion'] as const
export type ReviewStage = (typeof reviewStages)[number]
export const reviewCategories = ['scale', 'correctness', 'tests', 'maintainability', 'security'] as const
export type ReviewCategory = (typeof reviewCategories)[number]

/** One category's verdict in a review. */
export interface ReviewFinding {
  category: ReviewCategory
  verdict: 'ok' | 'concern' | 'problem'
  notes: string
}

/** The grader's verdict on a plan or a completion, stored as a `review` artifact of the run. */
export interface ReviewReport {
  /** The artifact id. */
  id: string
  runId: string
  stage: ReviewStage
  grade: Grade
  summary: string
  findings: ReviewFinding[]
  requiredFixes: string[]
  /** Completion only: each acceptance criterion and whether the work meets it. */
  criteria: { criterion: string; met: boolean; notes: string }[]
  /** Plan only: the grader's estimate of the change, compared with the scale tier. */
  estimate: { files: number; lines: number; newDependencies: string[] } | null
  model: string
  /** Model calls it took, repairs included. */
  attempts: number
  createdAt: string
}

export const gateNames = ['start', 'close'] as const
export type GateName = (typeof gateNames)[number]
export type GatePhase = 'launch' | 'validation' | 'merge' | 'check'

/** One condition of a gate and how it came out; `skipped` when the policy does not ask for it. */
export interface GateCondition {
  id: string
  label: string
  status: 'passed' | 'failed' | 'skipped'
  detail: string
}

/** A gate evaluated for a run at a moment (start before launch, close before ready-to-merge and merge). */
export interface GateResult {
  id: string
  runId: string
  gate: GateName
  /** When it was evaluated: before launch, after validation, before merge, or on request. */
  phase: GatePhase
  passed: boolean
  conditions: GateCondition[]
  createdAt: string
}

/** One governing rule set of a repository as loaded from its ADRs and policy. */
export interface DoctrineEntry {
  namespace: string
  name: string
  version: string
  priority: DoctrinePriority
  /** adr or policy. */
  kind: string
  title: string
  status: string
  decision: string
  /** The file it was read from, relative to the repository. */
  source: string
  rules: { components: number; imports: number; tiers: number }
}

/** A repository's doctrine: its ADRs and rules, and any file that could not be read. */
export interface Doctrine {
  repoId: string
  entries: DoctrineEntry[]
  components: { name: string; paths: string[]; doctrine: string }[]
  imports: { name: string; from: string[]; to: string[]; packages: string[]; doctrine: string; blocking: boolean }[]
  tiers: { tier: number; maxFiles: number; maxLines: number; newDependencies: boolean; doctrine: string }[]
  problems: string[]
}
