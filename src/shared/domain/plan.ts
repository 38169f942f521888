import type { DecompositionReport, WorkItem } from './plan-decomposition'
import type { ArchitecturePack, Clarification } from './planning'

export const planStatuses = ['intake', 'clarifying', 'drafted', 'decomposed', 'approved'] as const
export type PlanStatus = (typeof planStatuses)[number]

/** A PRD on its way to an approved backlog: intake -> clarifying -> drafted -> decomposed -> approved. */
export interface Plan {
  id: string
  title: string
  /** The model's summary of the PRD (empty until clarification). */
  summary: string
  status: PlanStatus
  repoId: string
  prdText: string
  /** Parsed org constraints (from YAML); empty when none were given. */
  orgConstraints: Record<string, unknown>
  clarifications: Clarification[]
  /** Latest architecture pack version; 0 before the first one. */
  currentVersion: number
  createdAt: string
  updatedAt: string
}

export const planVersionSources = ['generated', 'wireframe', 'chat'] as const
export type PlanVersionSource = (typeof planVersionSources)[number]

/** One immutable version of the architecture pack. */
export interface PlanVersion {
  planId: string
  version: number
  source: PlanVersionSource
  /** What changed, e.g. the wireframe edits or the chat request. */
  note: string
  pack: ArchitecturePack
  createdAt: string
}

/** A refinement chat message; an assistant message may carry a proposed revision. */
export interface PlanMessage {
  id: string
  planId: string
  role: 'user' | 'assistant'
  content: string
  proposal: PlanProposal | null
  createdAt: string
}

export interface PlanProposal {
  summary: string
  pack: ArchitecturePack
  status: 'pending' | 'accepted' | 'dismissed'
  /** The version made when it was accepted. */
  version: number | null
}

export interface PlanDecomposition {
  planId: string
  packVersion: number
  items: WorkItem[]
  report: DecompositionReport
  updatedAt: string
}

/** Tokens spent by the plan's model calls. */
export interface PlanUsage {
  calls: number
  inputTokens: number
  outputTokens: number
  byStep: Record<string, { calls: number; inputTokens: number; outputTokens: number }>
}

/** A plan item turned into a Flightdeck issue, and its GitHub issue once synced. */
export interface PlanIssueLink {
  itemKey: string
  issueId: string
  githubNumber: number | null
}

/** Everything the plans view shows for one plan. */
export interface PlanDetail {
  plan: Plan
  versions: { version: number; source: PlanVersionSource; note: string; createdAt: string }[]
  current: PlanVersion | null
  messages: PlanMessage[]
  decomposition: PlanDecomposition | null
  usage: PlanUsage
  links: PlanIssueLink[]
}

/** Ephemeral chat stream: text deltas as the model writes, then the end (or failure) of the turn. */
export type PlanChatStreamMessage = { delta: string } | { done: string } | { error: string }

/** Wireframe edits; applying a list makes one new version. */
export type WireframeEdit =
  | { op: 'addComponent'; id: string; name: string; type: ArchitecturePack['architecture']['components'][number]['type']; responsibility?: string }
  | { op: 'removeComponent'; id: string }
  | { op: 'renameComponent'; id: string; name: string }
  | { op: 'setComponentType'; id: string; type: ArchitecturePack['architecture']['components'][number]['type'] }
  | { op: 'connect'; from: string; to: string; kind: ArchitecturePack['architecture']['relationships'][number]['kind'] }
  | { op: 'disconnect'; from: string; to: string }
  | { op: 'setRelationshipKind'; from: string; to: string; kind: ArchitecturePack['architecture']['relationships'][number]['kind'] }

export interface ChangeSet<T> {
  added: T[]
  removed: T[]
  changed: { before: T; after: T }[]
}

/** What changed between two versions of a pack. */
export interface PackDiff {
  from: number
  to: number
  components: ChangeSet<ArchitecturePack['architecture']['components'][number]>
  relationships: ChangeSet<ArchitecturePack['architecture']['relationships'][number]>
  requirements: ChangeSet<ArchitecturePack['requirements'][number]>
}
