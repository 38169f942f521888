import { z } from 'zod'
import { governanceCommands, governanceTopics } from './governance'
import { forumCommands, forumTopics } from './forum'
import { commentCommands, commentTopics } from './comments'
import { hostCommands, hostTopics } from './hosts'
import { fleetCommands, fleetTopics } from './fleet'
import { command, topic } from './kit'
import { landingCommands, landingTopics } from './landing'
import { notificationCommands, notificationTopics } from './notifications'
import { planningCommands, planningTopics } from './planning'
import { environmentCommands, environmentTopics } from './environments'
import { sandboxCommands, sandboxTopics } from './sandbox'
import { secretCommands, secretTopics } from './secrets'
import { runCommands, runTopics } from './runs'
import { checkpointCommands, checkpointTopics } from './checkpoints'
import { freeText, id, text } from './schemas'
import { settingsCommands, settingsTopics } from './settings'
import { terminalCommands } from './terminal'
import { timelineCommands } from './timeline'
import { usageCommands, usageTopics } from './usage'

export type { ReviewComment } from './comments'
export type { NotificationRecord } from './notifications'
export type { Host, HostCheck, HostCheckLine } from './hosts'
export type { DoctorCheck } from './sandbox'
export type { LeasedPort, RunCommandInfo, RunEnvironmentLog } from './environments'
export type { RunCheckpoint } from './checkpoints'
export type { SecretBackend, SecretName, SecretStatus } from './secrets'
export { defaultOrigins, originOf, secretEnv, secretNames } from './secrets'
export { wireframeEditSchema } from './planning'
export type { RunFileChange, RunMergeCheck } from './runs'
export type { ForumEventMeta } from './forum'
export type { ConflictPreview, LandingEntry, LandingQueue, LandingStatus, LandingStep, PullRequestEventKind, PullRequestInfo } from './landing'
export type { FleetDetail, FleetEdge, FleetEntry, FleetImpact } from './fleet'
export type { StreamName, Streams, TerminalSnapshot } from './terminal'
export { parseTerminalKey, terminalKey } from './terminal'
export type { BudgetMetric, Budgets, BudgetStatus, RunUsage, UsageGroup, UsageGrouping, UsageRecord, UsageSource, UsageTotals } from './usage'
import type { ContextPacket, Issue, Repo } from '../domain'
import { issuePriorities, issueStatuses, issueTypes } from '../domain'

const label = z.string().trim().min(1, 'a label cannot be empty').max(64, 'a label is at most 64 characters').regex(/^[^\u0000]*$/, 'a label must not contain NUL bytes')

/** Input of `issue.create`, shared by the CLI and the UI form. */
export const issueCreateInput = z.strictObject({
  repoId: id,
  title: text('title', 300),
  body: freeText('body', 200_000).default(''),
  acceptanceCriteria: z.array(text('an acceptance criterion', 2_000)).max(100).default([]),
  priority: z.enum(issuePriorities).default('medium'),
  type: z.enum(issueTypes).default('feature'),
  labels: z.array(label).max(50).default([]),
  dependsOn: z.array(id).max(200).default([]),
  scaleTier: z.number().int().min(0).max(5).nullable().default(null)
})

/**
 * Input of `issue.update`: only the fields given change. Title, body, acceptance criteria and dependencies
 * are what an agent is told, so changing them writes a new ContextPacket version; priority and labels do not.
 */
export const issueUpdateInput = z.strictObject({
  id,
  title: text('title', 300).optional(),
  body: freeText('body', 200_000).optional(),
  acceptanceCriteria: z.array(text('an acceptance criterion', 2_000)).max(100).optional(),
  priority: z.enum(issuePriorities).optional(),
  labels: z.array(label).max(50).optional(),
  dependsOn: z.array(id).max(200).optional()
})

/** What the system reports about itself. */
export interface SystemInfo {
  version: string
  /** The data folder (FLIGHTDECK_HOME or Electron's userData). */
  home: string
  dbPath: string
  /** Highest event sequence number committed so far. */
  lastEventSeq: number
}

/** The core process's vital signs (soak tests, diagnostics); the event-loop figures cover the time since the last call. */
export interface SystemMetrics {
  pid: number
  rssBytes: number
  heapUsedBytes: number
  /** Null where the platform has no /proc. */
  openFds: number | null
  walBytes: number
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number; samples: number }
}

/** An appended, immutable record of a state change. */
export interface EventEnvelope<T extends Topic = Topic> {
  id: string
  /** Commit order across every process sharing the database. */
  seq: number
  ts: string
  topic: T
  /** Id of the entity the event is about. */
  entity: string
  payload: TopicPayload<T>
}

/**
 * Every command and query of Flightdeck. Both transports (Electron IPC and the browser-mode WebSocket),
 * the CLI and the renderer are generic over this map: adding a command is one entry here and one handler.
 */
export const commands = {
  /** Facts about this Flightdeck: version, data folder, last event. */
  'system.info': command<SystemInfo>()(z.strictObject({})),
  /** Memory, file descriptors, WAL size and event-loop delay of the core process (delay since the last call). */
  'system.metrics': command<SystemMetrics>()(z.strictObject({})),

  /** Register an existing git repository by path (its top-level folder is stored). */
  'repo.add': command<Repo>()(
    z.strictObject({
      path: text('path', 4_096),
      name: text('name', 100).optional()
    })
  ),
  /** All registered repositories, oldest first. */
  'repo.list': command<Repo[]>()(z.strictObject({})),
  /** One repository, found by id, name or path. */
  'repo.get': command<Repo>()(z.strictObject({ ref: text('ref', 4_096) })),

  /** Create an issue in a repository; it starts in `planning`. */
  'issue.create': command<Issue>()(issueCreateInput),
  /** Issues, newest first, optionally filtered by repository and status. */
  'issue.list': command<Issue[]>()(
    z.strictObject({
      repoId: id.optional(),
      status: z.enum(issueStatuses).optional(),
      limit: z.number().int().min(1).max(50_000).default(10_000)
    })
  ),
  /** One issue by id. */
  'issue.get': command<Issue>()(z.strictObject({ id })),
  /** Move an issue to another status; refused (with the reason) when the lifecycle does not allow it. */
  'issue.transition': command<Issue>()(z.strictObject({ id, to: z.enum(issueStatuses) })),
  /** Edit an issue's fields; refused with the reason for an empty title, an unknown dependency or a dependency cycle. */
  'issue.update': command<Issue>()(issueUpdateInput),
  /** Every version of an issue's briefing, oldest first (version 1 is written when the issue is created). */
  'issue.contextPackets': command<ContextPacket[]>()(z.strictObject({ issueId: id })),

  /** Events committed after a sequence number, in order (for catching up after a reconnect). */
  'event.list': command<EventEnvelope[]>()(
    z.strictObject({
      afterSeq: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(10_000).default(1_000)
    })
  ),
  /**
   * The events recorded about one entity (a run, an issue), oldest first: the run view's timeline.
   * `event.list` is global; this one reads the entity index instead of scanning every event.
   */
  'event.forEntity': command<EventEnvelope[]>()(
    z.strictObject({
      entity: id,
      limit: z.number().int().min(1).max(5_000).default(1_000)
    })
  ),

  ...runCommands,
  ...checkpointCommands,
  ...forumCommands,
  ...terminalCommands,
  ...planningCommands,
  ...secretCommands,
  ...sandboxCommands,
  ...environmentCommands,
  ...settingsCommands,
  ...governanceCommands,
  ...timelineCommands,
  ...landingCommands,
  ...usageCommands,
  ...commentCommands,
  ...hostCommands,
  ...fleetCommands,
  ...notificationCommands
}

/** Every event topic and its payload. */
export const topics = {
  /** A repository was registered. */
  'repo.added': topic<{ repo: Repo }>(),
  /** An issue was created. */
  'issue.created': topic<{ issue: Issue }>(),
  /**
   * An issue changed (status, fields); `from` is the previous status when it moved; `changed` names the
   * fields a person edited and `before` holds their previous values; `packetVersion` is the briefing
   * version the edit wrote, when it changed what an agent knows.
   */
  'issue.updated': topic<{ issue: Issue; from?: Issue['status']; changed?: string[]; before?: Partial<Issue>; packetVersion?: number }>(),
  ...runTopics,
  ...checkpointTopics,
  ...forumTopics,
  ...planningTopics,
  ...secretTopics,
  ...sandboxTopics,
  ...environmentTopics,
  ...settingsTopics,
  ...governanceTopics,
  ...landingTopics,
  ...usageTopics,
  ...commentTopics,
  ...hostTopics,
  ...fleetTopics,
  ...notificationTopics
}

export type Commands = typeof commands
export type CommandName = keyof Commands
/** What a caller sends (defaults may be omitted). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>
/** What a handler receives, after parsing and defaults. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>
export type CommandOutput<N extends CommandName> = NonNullable<Commands[N]['output']>

export type Topics = typeof topics
export type Topic = keyof Topics
export type TopicPayload<T extends Topic> = NonNullable<Topics[T]['payload']>

export const commandNames = Object.keys(commands) as CommandName[]
export const topicNames = Object.keys(topics) as Topic[]
