import { z } from 'zod'
import { command, topic } from './kit'
import { id } from './schemas'
import type { RunSnapshot } from './runs'

/** The worktree's state after one of the agent's turns, on refs/flightdeck/checkpoints/<run>/<n>. */
export interface RunCheckpoint {
  ref: string
  n: number
  commit: string
  /** The worktree's HEAD when it was taken. */
  head: string
  /** ms since the epoch */
  at: number
  /** Files changed since the checkpoint before (at most 200 named); filesChanged counts them all. */
  files: string[]
  filesChanged: number
  /** A line of the turn's prompt, when the agent reported it. */
  prompt: string | null
}

const n = z.number().int().min(0)

export const checkpointCommands = {
  /** A run's turn checkpoints, oldest first. */
  'run.checkpoints': command<RunCheckpoint[]>()(z.strictObject({ id })),
  /** The unified diff between two checkpoints (0: the worktree's HEAD before checkpoint 1). */
  'run.checkpointDiff': command<{ diff: string }>()(z.strictObject({ id, from: n, to: n })),
  /**
   * Sets the worktree's files to checkpoint n after saving what it holds to a snapshot (undo: `run restore` of
   * that snapshot). The branch and HEAD stay: commits after the checkpoint remain, their changes show as reverts.
   * The agent is told through a new briefing version.
   */
  'run.rewind': command<{ checkpoint: RunCheckpoint; saved: RunSnapshot; files: string[]; laterCommits: number; briefingVersion: number | null }>()(
    z.strictObject({ id, n: z.number().int().min(1) })
  ),
  /** Undoes a rewind: the snapshot it took back into the worktree (what it holds now saved first); live runs too. */
  'run.undoRewind': command<{ snapshot: RunSnapshot; saved: RunSnapshot | null }>()(z.strictObject({ id, snapshot: z.number().int().min(1) }))
}

export const checkpointTopics = {
  /** A turn checkpoint was taken. */
  'run.checkpoint': topic<{ runId: string; checkpoint: RunCheckpoint; trigger: string }>(),
  /** A run's worktree was rewound to a checkpoint. */
  'run.rewound': topic<{ runId: string; n: number; saved: RunSnapshot; files: string[] }>()
}
