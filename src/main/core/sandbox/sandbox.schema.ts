import { z } from 'zod'

/**
 * How a repository's agents are confined (policy `sandbox`). `workspace`: the worktree is writable, the rest of
 * the machine read-only, Flightdeck's data and other worktrees out of sight. `readonly`: not even the
 * worktree is writable (review or exploration runs). `off`: no confinement. The network is on (agents call
 * their model API) or off; host allow-lists are not enforced by bubblewrap and are not offered.
 */
export const sandboxPolicySchema = z.strictObject({
  mode: z.enum(['workspace', 'readonly', 'off']).default('workspace'),
  network: z.enum(['on', 'off']).default('on'),
  /** Where the OS cannot confine (no user namespaces, no bubblewrap, no sandbox-exec): start anyway? */
  allowUnsandboxed: z.boolean().default(true),
  /** Extra folders the agent may write (absolute, or ~/ for the user's home), e.g. "~/.npm" for a package cache. */
  writable: z.array(z.string().min(1).max(4_096)).max(50).default([])
})
export type SandboxPolicy = z.output<typeof sandboxPolicySchema>
