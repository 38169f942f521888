import { z } from 'zod'
import type { Run } from '../domain'
import { command, topic } from './kit'
import { id } from './schemas'

export const landingStatuses = ['queued', 'landing', 'returned', 'blocked', 'pull_request'] as const
/**
 * queued: waits its turn; landing: being rebased, checked, merged; returned: the agent is resolving; blocked: needs
 * the operator; pull_request: pushed, its GitHub pull request is followed until it merges (outside the line).
 */
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

/** The GitHub pull request a run lands through (policy landing.land: pull_request). */
export interface PullRequestInfo {
  runId: string
  /** owner/repo. */
  repository: string
  remote: string
  branch: string
  /** Null until it is opened. */
  number: number | null
  url: string | null
  state: 'none' | 'open' | 'closed' | 'merged'
  headSha: string | null
  /** Check runs on the head as last read: name and status or conclusion. */
  checks: { name: string; result: string }[]
  /** The newest review of each reviewer: who and what. */
  reviews: { user: string; state: string }[]
  /** The last fault (rate limit, refused push, missing scope), null when the last look went well. */
  lastError: string | null
  updatedAt: string
}

/** One change of a run's pull request, as the run's timeline shows it. */
export type PullRequestEventKind = 'pushed' | 'opened' | 'adopted' | 'state' | 'review' | 'check' | 'checks_passed' | 'sent_back' | 'fault' | 'merged'

/** What landing the run would conflict on now: files and hunks of both sides, and the runs behind the other side. */
export interface ConflictPreview {
  runId: string
  issueTitle: string
  branch: string
  baseBranch: string
  /** Where to resolve by hand (null once cleaned up). */
  worktreePath: string | null
  /** Empty: the branch merges cleanly into the base now. */
  files: { path: string; hunks: { line: number; base: string[]; run: string[] }[] }[]
  /** The landings on the base that touched those files: the other runs involved. */
  others: { runId: string | null; issueTitle: string | null; sha: string; subject: string }[]
  checkedAt: string
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
  'landing.remove': command<Run>()(z.strictObject({ runId: id })),
  /** The run's pull request (pull_request landing); pullRequest is null when it has none. */
  'landing.pullRequest': command<{ pullRequest: PullRequestInfo | null }>()(z.strictObject({ runId: id })),
  /** Re-checks, now and without touching a worktree, what the run's branch conflicts on with its base. */
  'landing.conflict': command<{ preview: ConflictPreview | null }>()(z.strictObject({ runId: id })),
  /**
   * The queue's checks on demand (while resolving by hand): the conflict with the base now and, when there is none,
   * the policy's validation commands in the worktree. Changes nothing; Land queues it for real.
   */
  'landing.recheck': command<{ preview: ConflictPreview | null; checks: { name: string; passed: boolean; exitCode: number | null; tail: string }[] }>()(z.strictObject({ runId: id }))
}

export const landingTopics = {
  /** An entry was queued or moved (status, step, reason). */
  'landing.updated': topic<{ entry: LandingEntry }>(),
  /** An entry left the queue: landed, removed, or its run moved on. */
  'landing.removed': topic<{ runId: string; repoId: string; reason: string }>(),
  /** A repository's queue was paused or resumed. */
  'landing.paused': topic<{ repoId: string; paused: boolean }>(),
  /** Something happened to a run's pull request (recorded on the run: its timeline shows it). */
  'landing.pullRequest': topic<{ runId: string; kind: PullRequestEventKind; message: string; pullRequest: PullRequestInfo }>()
}
