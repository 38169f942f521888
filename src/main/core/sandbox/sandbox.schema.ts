import { z } from 'zod'
import { hostPatternError } from '../egress/allow-list'

const hostPattern = z.string().min(1).max(260).superRefine((value, ctx) => {
  const problem = hostPatternError(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})

/**
 * How a repository's agents are confined (policy `sandbox`). `workspace`: the worktree is writable, the rest of
 * the machine read-only, Flightdeck's data and other worktrees out of sight. `readonly`: not even the
 * worktree is writable (review or exploration runs). `off`: no confinement. The network is on (the host's),
 * off (none), or `allow-list`: the agent has no route out of its own network namespace, and the only way out
 * is Flightdeck's proxy (outside the sandbox), which lets through the hosts in `allow` and refuses the rest.
 */
export const sandboxPolicySchema = z.strictObject({
  mode: z.enum(['workspace', 'readonly', 'off']).default('workspace'),
  network: z.enum(['on', 'off', 'allow-list']).default('on'),
  /** With `network: allow-list`: `host`, `host:port`, `*.domain` or `*.domain:port` (no port: any port). */
  allow: z.array(hostPattern).max(200).default([]),
  /**
   * Sandboxed runs with the network on or allow-listed: the agent's provider key stays with Flightdeck. The agent
   * gets a base URL of Flightdeck's relay and a token that works only while its run is live; the relay puts the
   * real key in (see egress/).
   */
  keyRelay: z.boolean().default(true),
  /** Where the OS cannot confine (no user namespaces, no bubblewrap, no sandbox-exec): start anyway? */
  allowUnsandboxed: z.boolean().default(true),
  /** Extra folders the agent may write (absolute, or ~/ for the user's home), e.g. "~/.npm" for a package cache. */
  writable: z.array(z.string().min(1).max(4_096)).max(50).default([])
})
export type SandboxPolicy = z.output<typeof sandboxPolicySchema>
