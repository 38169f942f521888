export const runStates = [
  'queued',
  'preparing',
  'running',
  'waiting',
  'validating',
  'ready_to_merge',
  /** In the landing queue: rebased onto the base, validated again and merged in turn. */
  'queued_to_land',
  'merged',
  'failed',
  'stopped',
  'lost'
] as const
export type RunState = (typeof runStates)[number]

/** One execution attempt on an issue by an agent profile in a workspace. */
export interface Run {
  id: string
  issueId: string
  repoId: string
  agentProfile: string
  state: RunState
  contextPacketId: string
  constraintSnapshotId: string | null
  branch: string | null
  worktreePath: string | null
  baseBranch: string | null
  /** The pty session currently (or last) hosting the agent. */
  sessionId: string | null
  /** Sessions started so far; restarts and resumes add one. */
  attempt: number
  activity: AgentActivity
  exitCode: number | null
  argv: string[]
  /** Why the run is where it is: a failure, a refusal, a stall. */
  detail: string | null
  lastOutputAt: string | null
  /** The agent's own conversation id, learnt from its signals; resume continues exactly this conversation. */
  agentSessionId: string | null
  /** Where `activity` came from ("the Stop hook", "an MCP call", "the process", "the terminal") and when. */
  activitySource: string | null
  activityAt: string | null
  /** When a crashed agent's automatic restart is due; null when none is pending. */
  restartDueAt: string | null
  /** Where the run's branch started when not at the base branch's tip; null: the base (the usual case). */
  startPoint: RunStartPoint | null
  createdAt: string
  updatedAt: string
  endedAt: string | null
}

/**
 * Another start for a run's own branch than the base branch's tip (the base stays where it lands): an existing
 * branch's tip, or the files of another run's turn checkpoint. `commit` is what it resolved to when queued.
 */
export type RunStartPoint = { branch: string; commit: string } | { runId: string; checkpoint: number; commit: string }

/** Where a run's branch started, in a few words (CLI, run view). */
export function describeStartPoint(start: RunStartPoint): string {
  return 'branch' in start ? `branch ${start.branch} at ${start.commit.slice(0, 10)}` : `checkpoint ${start.checkpoint} of run ${start.runId} (${start.commit.slice(0, 10)})`
}

/** An agent profile as the UI and CLI see it. */
export interface AgentInfo {
  name: string
  label: string
  /** The program the profile launches. */
  command: string
  installed: boolean
  /** Where it was found on PATH. */
  path: string | null
  status: 'hooks' | 'exit'
  resumable: boolean
  /** The policy's default agent for the repository asked about. */
  isDefault: boolean
}

/** An output of a run: commit, diff, branch, test log, review report, transcript. */
export interface Artifact {
  id: string
  runId: string
  kind: string
  uri: string | null
  content: string | null
  meta: Record<string, unknown>
  createdAt: string
}

/** Which run state moves are allowed; every move is recorded as a `run.transitioned` event. */
export const runTransitions: Record<RunState, readonly RunState[]> = {
  queued: ['preparing', 'stopped', 'failed'],
  preparing: ['running', 'failed', 'stopped'],
  running: ['waiting', 'validating', 'ready_to_merge', 'failed', 'stopped', 'lost'],
  waiting: ['running', 'failed', 'stopped', 'lost'],
  /** validating -> validating: a validation cut short (the core died) runs again. */
  validating: ['validating', 'ready_to_merge', 'running', 'failed', 'stopped', 'lost'],
  ready_to_merge: ['merged', 'queued_to_land', 'running', 'validating', 'stopped', 'lost', 'failed'],
  // Back to ready when removed from the queue; to running or preparing when a conflict goes back to the agent.
  queued_to_land: ['merged', 'ready_to_merge', 'running', 'preparing', 'stopped', 'failed'],
  merged: [],
  failed: ['preparing', 'queued'],
  stopped: ['preparing', 'queued'],
  lost: ['preparing', 'queued', 'stopped']
}

export function canTransitionRun(from: RunState, to: RunState): boolean {
  return runTransitions[from].includes(to)
}

/** States in which the run holds a concurrency slot. */
export const activeRunStates: readonly RunState[] = ['preparing', 'running', 'waiting', 'validating']

/**
 * What the agent is doing, distinct from the run's lifecycle state: from its structured signals (hooks, MCP
 * calls), its process (exit) and its terminal (silence past the policy's thresholds makes it stalled).
 */
export const agentActivities = ['unknown', 'working', 'idle', 'needs_input', 'stalled', 'exited'] as const
export type AgentActivity = (typeof agentActivities)[number]
