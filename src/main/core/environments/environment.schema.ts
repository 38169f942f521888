import path from 'node:path'
import { z } from 'zod'

const command = z.strictObject({
  /** Shown in the run's timeline, e.g. "install dependencies". */
  name: z.string().min(1).max(100),
  /** Run in the worktree with an argv array, never through a shell. */
  argv: z.array(z.string().min(1)).min(1),
  timeoutSeconds: z.number().int().min(1).max(7_200).default(600)
})
export type EnvironmentCommand = z.output<typeof command>

/** A glob of gitignored files to copy from the main checkout: relative, inside the repository. */
const glob = z
  .string()
  .min(1)
  .max(500)
  .refine((g) => !path.isAbsolute(g) && !g.split(/[\\/]/).includes('..'), 'a copy glob is relative and stays inside the repository (no leading / and no ..)')

/**
 * A worktree that is ready to run (policy `environment`): gitignored files copied in from the main checkout
 * (`.env`, local config; also every line of the repository's `.worktreeinclude`, as Claude Code reads it),
 * `setup` commands before the agent starts, `teardown` before cleanup, and a block of ports of its own.
 */
export const environmentPolicySchema = z.strictObject({
  copy: z.array(glob).max(100).default([]),
  setup: z.array(command).max(20).default([]),
  teardown: z.array(command).max(20).default([]),
  /** Ports leased to each worktree (FLIGHTDECK_PORT, FLIGHTDECK_PORT_1.., PORT); 0 leases none. */
  ports: z.number().int().min(0).max(100).default(10),
  /**
   * Agents without turn signals (status from their exit only) get a checkpoint when their terminal has been quiet
   * this long with files changed since the last one; 0 turns that off.
   */
  checkpointQuietSeconds: z.number().int().min(0).max(3_600).default(30)
})
export type EnvironmentPolicy = z.output<typeof environmentPolicySchema>
