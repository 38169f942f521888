export const runStates = [
  'queued',
  'preparing',
  'running',
  'waiting',
  'validating',
  'ready_to_merge',
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
  createdAt: string
  updatedAt: string
  endedAt: string | null
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
