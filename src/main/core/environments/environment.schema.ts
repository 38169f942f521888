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

/** A named command the operator starts on demand in a run's worktree (a dev server, the tests), with its own terminal. */
const runCommand = z.strictObject({
  /** How the UI and CLI name it: `flightdeck run exec RUN dev`. */
  name: z.string().regex(/^[A-Za-z0-9][\w.-]{0,39}$/, 'a command name is 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  argv: z.array(z.string().min(1)).min(1)
})
export type RunCommand = z.output<typeof runCommand>

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
  /** Named commands (dev server, tests) startable from the run view or `run exec`, each in a terminal of its own. */
  commands: z
    .array(runCommand)
    .max(20)
    .default([])
    .refine((list) => new Set(list.map((c) => c.name)).size === list.length, 'two environment commands share a name'),
  /** Ports leased to each worktree (FLIGHTDECK_PORT, FLIGHTDECK_PORT_1.., PORT); 0 leases none. */
  ports: z.number().int().min(0).max(100).default(10),
  /**
   * Agents without turn signals (status from their exit only) get a checkpoint when their terminal has been quiet
   * this long with files changed since the last one; 0 turns that off.
   */
  checkpointQuietSeconds: z.number().int().min(0).max(3_600).default(30)
})
export type EnvironmentPolicy = z.output<typeof environmentPolicySchema>
