import { z } from 'zod'
import type { AgentInfo, Run } from '../domain'
import { runStates } from '../domain'
import { isValidBranchName } from '../git-names'
import { command, topic } from './kit'
import { id, text } from './schemas'

/** A file changed by a run, against the merge-base with its base branch. */
export interface RunFileChange {
  path: string
  kind: 'created' | 'modified' | 'deleted' | 'renamed'
  oldPath?: string
  additions: number | null
  deletions: number | null
  binary: boolean
}

/** Whether a run's branch can merge now, and why not. */
export interface RunMergeCheck {
  behindBy: number
  aheadBy: number
  baseDirty: boolean
  worktreeDirty: boolean
  conflicts: string[]
  /** Human reasons the merge would be refused; empty when it can go ahead. */
  blockers: string[]
}

const runRef = z.strictObject({ id })

/** Where a new run's branch starts instead of the base branch's tip. */
const startFrom = z.union(
  [
    z.strictObject({ branch: z.string().max(255).refine(isValidBranchName, 'must be a valid git branch name') }),
    z.strictObject({ runId: id, checkpoint: z.number().int().min(1) })
  ],
  { error: 'from is { branch } or { runId, checkpoint }' }
)

export const runCommands = {
  /** Agent profiles and whether each one's program is installed on PATH. */
  'agent.list': command<AgentInfo[]>()(z.strictObject({ repoId: id.optional() })),

  /**
   * Queue a run of an issue; the scheduler starts it when concurrency caps and dependencies allow.
   * `argv` is for the shell agent: the program and its arguments, never a shell string. `from` starts the run's
   * own branch elsewhere than the base branch's tip (the base stays the landing target): at an existing branch's
   * tip, or at the files of another run's checkpoint N (a fork); it is checked before anything is written.
   */
  'run.start': command<Run>()(
    z.strictObject({
      issueId: id,
      agent: text('agent', 64).optional(),
      argv: z.array(z.string().min(1).max(10_000).regex(/^[^\u0000]*$/, 'an argument must not contain NUL bytes')).min(1).max(256).optional(),
      from: startFrom.optional()
    })
  ),
  /** Runs, newest first, optionally filtered. */
  'run.list': command<Run[]>()(
    z.strictObject({
      issueId: id.optional(),
      repoId: id.optional(),
      state: z.enum(runStates).optional(),
      limit: z.number().int().min(1).max(100_000).default(20_000)
    })
  ),
  /** One run. */
  'run.get': command<Run>()(runRef),
  /** Stop the agent (its whole process group); the worktree and scrollback stay. */
  'run.stop': command<Run>()(runRef),
  /** Start the agent afresh in the same worktree. */
  'run.restart': command<Run>()(runRef),
  /**
   * Start a new session in the same worktree that continues this run's conversation (by the agent's own id) where
   * the agent can, with a continuation prompt: the operator's words, or Flightdeck's "check the worktree and go on".
   */
  'run.resume': command<Run>()(z.strictObject({ id, prompt: text('prompt', 20_000).optional() })),
  /** Files the run changed (committed and not), against the merge-base with the base branch. */
  'run.changes': command<RunFileChange[]>()(runRef),
  /** The unified diff of the run against the merge-base with its base branch. */
  'run.diff': command<{ diff: string }>()(runRef),
  /** Whether the run can merge now, computed without touching any worktree. */
  'run.mergeCheck': command<RunMergeCheck>()(runRef),
  /** Merge the run's branch into its base branch; refused with the reason when unsafe. */
  'run.merge': command<Run>()(z.strictObject({ id, strategy: z.enum(['merge', 'squash']).optional() })),
  /** Rebase the run's branch onto its base branch (aborted cleanly on conflict). */
  'run.rebase': command<Run>()(runRef),
  /**
   * Remove the run's worktree (keeping the branch unless told); refuses to lose work without force. With force,
   * the worktree's whole state is saved to refs/flightdeck/snapshots/<run>/<n> first, and the answer says
   * what was discarded and where it is.
   */
  'run.cleanup': command<{ removedWorktree: boolean; deletedBranch: boolean; snapshot?: RunSnapshot }>()(
    z.strictObject({ id, keepBranch: z.boolean().default(true), force: z.boolean().default(false) })
  ),
  /**
   * Bring back a snapshot's files (the newest by default) into the run's worktree, recreating the worktree if
   * it was cleaned up; what the worktree held before is snapshotted too, so a restore can be undone.
   */
  'run.restore': command<{ path: string; snapshot: RunSnapshot; saved: RunSnapshot | null }>()(z.strictObject({ id, snapshot: z.number().int().min(1).optional() })),
  /** Record a signal from the agent's hooks (Claude Code Stop, Notification...); the engine reacts. */
  'run.signal': command<{ accepted: true }>()(
    z.strictObject({ id, hook: text('hook', 64), payload: z.record(z.string(), z.unknown()).default({}) })
  )
}

/** A saved state of a run's worktree on a private ref. */
export interface RunSnapshot {
  ref: string
  n: number
  commit: string
  /** What was uncommitted when it was taken (only on the snapshot after a forced cleanup). */
  files: string[]
}

export const runTopics = {
  /** A run's worktree state was saved to a snapshot ref before something destructive. */
  'run.snapshot': topic<{ runId: string; snapshot: RunSnapshot; reason: string }>(),
  /** A run was queued. */
  'run.created': topic<{ run: Run }>(),
  /** A run changed; `from` is the previous state when the state moved. */
  'run.updated': topic<{ run: Run; from?: Run['state']; reason?: string }>(),
  /** An agent hook fired (recorded for the engine and the timeline). */
  'run.signal': topic<{ runId: string; hook: string; payload: Record<string, unknown> }>()
}
