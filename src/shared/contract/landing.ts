import { z } from 'zod'
import type { Run } from '../domain'
import { command, topic } from './kit'
import { id } from './schemas'

export const landingStatuses = ['queued', 'landing', 'returned', 'blocked'] as const
/** queued: waits its turn; landing: being rebased, checked, merged; returned: the agent is resolving; blocked: needs the operator. */
export type LandingStatus = (typeof landingStatuses)[number]

export const landingSteps = ['snapshot', 'integrating', 'validating', 'merging'] as const
export type LandingStep = (typeof landingSteps)[number]

/** One run in its repository's landing queue. */
export interface LandingEntry {
  id: string
  runId: string
  repoId: string
  issueId: string
  issueTitle: string
  /** 0 urgent .. 3 low. */
  priorityRank: number
  enqueuedAt: string
  status: LandingStatus
  /** What the landing is doing now (null while it waits). */
  step: LandingStep | null
  /** Why the entry is where it is: the last conflict, a failed check, a refusal. */
  reason: string | null
  /** Times the landing went back to the agent. */
  attempts: number
  conflictFiles: string[]
  /** 1-based place among the entries that wait or land; null for returned and blocked ones. */
  position: number | null
  updatedAt: string
}

export interface LandingQueue {
  entries: LandingEntry[]
  /** Repositories whose queue is paused. */
  paused: string[]
}

const repoScope = z.strictObject({ repoId: id.optional() })

export const landingCommands = {
  /**
   * Put a ready run in its repository's landing queue: it is rebased (or merged, per policy) onto the current
   * base, validated again and merged in turn. A run already queued stays where it is.
   */
  'landing.enqueue': command<LandingEntry>()(z.strictObject({ runId: id })),
  /** The landing queue, in landing order, optionally for one repository. */
  'landing.list': command<LandingQueue>()(repoScope),
  /** Stop landing (the entry landing now finishes); without a repository, every registered one. */
  'landing.pause': command<LandingQueue>()(repoScope),
  'landing.resume': command<LandingQueue>()(repoScope),
  /** Take a run out of the queue; it is ready to merge again. */
  'landing.remove': command<Run>()(z.strictObject({ runId: id }))
}

export const landingTopics = {
  /** An entry was queued or moved (status, step, reason). */
  'landing.updated': topic<{ entry: LandingEntry }>(),
  /** An entry left the queue: landed, removed, or its run moved on. */
  'landing.removed': topic<{ runId: string; repoId: string; reason: string }>(),
  /** A repository's queue was paused or resumed. */
  'landing.paused': topic<{ repoId: string; paused: boolean }>()
}
