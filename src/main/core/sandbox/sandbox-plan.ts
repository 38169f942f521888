import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SandboxPolicy } from './sandbox.schema'

/** What one agent session may see and touch, in paths; bwrap and sandbox-exec render it their own way. */
export interface SandboxPlan {
  mode: 'workspace' | 'readonly'
  network: 'on' | 'off' | 'allow-list'
  /** The run's worktree: writable in `workspace` mode. */
  worktree: string
  /** Hidden behind an empty folder: Flightdeck's data folder and the root holding every run's worktree. */
  hidden: string[]
  /** Read-only views inside hidden folders: the run's own folder (briefing, configs, its socket). */
  readOnly: string[]
  /** Writable besides the worktree: what git needs to commit, and the agent's own config and cache folders. */
  writable: string[]
}

export interface PlanInput {
  policy: SandboxPolicy
  worktree: string
  /** The worktree's git dir (`<repo>/.git/worktrees/<name>`) and the repository's common dir (`<repo>/.git`). */
  gitDir: string
  commonDir: string
  branch: string
  /** Flightdeck's data folder, and the run's own folder inside it. */
  home: string
  runDir: string
  /** Where every worktree of the repository lives (`.flightdeck-worktrees/<repo>`). */
  worktreeRoot: string
  /** The agent's config and cache folders (the profile's, resolved against the session's environment). */
  agentDirs: string[]
}

const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p)

/**
 * Git in a worktree commits by writing objects to the shared object store, its own index and HEAD under
 * `.git/worktrees/<name>`, and its branch's ref and reflog. Those are writable; the rest of `.git` (config,
 * hooks, other branches, the base branch) stays read-only, so an agent cannot move `main` or plant a hook.
 * Branch refs are written by renaming a lock file, so the folder of the branch's ref is what must be
 * writable (with the default prefix, `refs/heads/fd/`: sibling run branches share it).
 */
function gitWritable(input: PlanInput): string[] {
  const refDir = path.dirname(path.join(input.commonDir, 'refs', 'heads', input.branch))
  const logDir = path.dirname(path.join(input.commonDir, 'logs', 'refs', 'heads', input.branch))
  for (const dir of [refDir, logDir]) fs.mkdirSync(dir, { recursive: true })
  return [path.join(input.commonDir, 'objects'), input.gitDir, refDir, logDir]
}

/**
 * Local services listen on unix sockets under /run (D-Bus and the keyring's Secret Service in /run/user/<uid>,
 * databases, container daemons); a socket on a read-only mount still connects. Without the host's network all
 * of /run is hidden, so a socket cannot be a way out; with it, the user's runtime folder still is.
 */
function runtimeHidden(network: SandboxPlan['network']): string[] {
  if (process.platform !== 'linux') return []
  if (network !== 'on') return fs.existsSync('/run') ? ['/run'] : []
  const mine = `/run/user/${process.getuid?.() ?? ''}`
  return fs.existsSync(mine) ? [mine] : []
}

export function sandboxPlan(input: PlanInput): SandboxPlan {
  const mode = input.policy.mode === 'readonly' ? 'readonly' : 'workspace'
  const extra = input.policy.writable.map(expandHome)
  // Where the agent's hooks leave signals while no engine serves its socket (see signal-inbox.ts).
  const inbox = path.join(input.runDir, 'inbox')
  for (const dir of [...input.agentDirs, ...extra, inbox]) fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  return {
    mode,
    network: input.policy.network,
    worktree: input.worktree,
    hidden: [...runtimeHidden(input.policy.network), input.home, input.worktreeRoot],
    readOnly: [input.runDir, input.commonDir],
    writable: [...(mode === 'workspace' ? gitWritable(input) : []), ...input.agentDirs, ...extra, inbox]
  }
}
