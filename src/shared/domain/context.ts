/** An immutable, versioned briefing for an issue; every answered question makes a new version. */
export interface ContextPacket {
  id: string
  issueId: string
  version: number
  content: ContextPacketContent
  createdAt: string
}

export interface ContextPacketContent {
  summary: string
  instructions: string
  acceptanceCriteria: string[]
  assumptions: string[]
  /** Questions asked during runs and the answers given, oldest first. */
  qa: { question: string; answer: string; threadId?: string }[]
  /** Free-form inputs (requirements, component, constraints) from planning. */
  inputs: Record<string, unknown>
}

/** The immutable operating envelope at a moment: time and token budgets, allowed tools, policies. */
export interface ConstraintSnapshot {
  id: string
  issueId: string | null
  content: Record<string, unknown>
  createdAt: string
}

export const doctrinePriorities = ['must', 'should', 'may'] as const
export type DoctrinePriority = (typeof doctrinePriorities)[number]

/** A governing rule set (an ADR, component placement, import rules, scale tiers). */
export interface DoctrineRef {
  id: string
  repoId: string | null
  namespace: string
  name: string
  version: string
  priority: DoctrinePriority
  kind: string
  content: Record<string, unknown>
  createdAt: string
}
