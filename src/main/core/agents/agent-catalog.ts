import fs from 'node:fs'
import path from 'node:path'
import type { AgentInfo, Settings } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import type { Policy } from '../policy/policy.schema'
import type { AgentProfile, LaunchContext } from './agent-profile'
import { builtinProfiles } from './builtin-profiles'

/** Finds an executable on PATH the way a shell would, without running one. */
export function findOnPath(command: string, envPath = process.env.PATH ?? ''): string | null {
  if (command.includes(path.sep)) return isExecutable(command) ? command : null
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command)
    if (isExecutable(candidate)) return candidate
  }
  return null
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * The policy with the user's own agent settings laid over it: a settings argv (where the program lives on
 * this machine) wins over the repository's, and settings env adds to (and overrides) the policy's env.
 */
export function withUserAgents(policy: Policy, user: Settings['agents']): Policy {
  const profiles = { ...policy.agents.profiles }
  for (const [name, mine] of Object.entries(user)) {
    const theirs = profiles[name]
    const argv = mine.argv ?? theirs?.argv
    profiles[name] = { ...(argv ? { argv } : {}), env: { ...(theirs?.env ?? {}), ...mine.env } }
  }
  return { ...policy, agents: { ...policy.agents, profiles } }
}

export interface ResolvedLaunch {
  profile: AgentProfile
  argv: string[]
  env: Record<string, string>
}

/** The built-in profiles with the policy's overrides (argv, env) applied. */
export class AgentCatalog {
  constructor(private readonly envPath = process.env.PATH ?? '') {}

  list(policy: Policy): AgentInfo[] {
    return builtinProfiles.map((p) => {
      const argv0 = policy.agents.profiles[p.name]?.argv?.[0] ?? p.command
      const found = findOnPath(argv0, this.envPath)
      return {
        name: p.name,
        label: p.label,
        command: argv0,
        installed: found !== null,
        path: found,
        status: p.status,
        resumable: p.resumable,
        isDefault: policy.agents.default === p.name
      }
    })
  }

  get(name: string): AgentProfile {
    const profile = builtinProfiles.find((p) => p.name === name)
    if (!profile) {
      throw new ApiError('invalid_input', `unknown agent "${name}" (known: ${builtinProfiles.map((p) => p.name).join(', ')})`, 'agent')
    }
    return profile
  }

  /**
   * The argv and env a run's session starts with. A policy argv replaces the profile's program and fixed
   * arguments; the run's own argv (shell agents) replaces everything.
   */
  /** Fails, naming the program, when the agent a run would start is unknown or not on PATH. */
  assertInstalled(name: string, policy: Policy, runArgv?: string[]): void {
    const probe: LaunchContext = { runId: '', worktree: '', runDir: '', briefing: '', briefingFile: '', hookSettingsFile: '', resume: false, agentSessionId: null, resumePrompt: '' }
    this.resolve(name, probe, policy, runArgv)
  }

  resolve(name: string, ctx: LaunchContext, policy: Policy, runArgv?: string[]): ResolvedLaunch {
    const profile = this.get(name)
    const override = policy.agents.profiles[name]
    let argv = runArgv && runArgv.length > 0 ? runArgv : profile.argv(ctx)
    if (!runArgv?.length && override?.argv) argv = [...override.argv, ...argv.slice(1)]
    const program = argv[0] ?? ''
    if (!findOnPath(program, this.envPath)) {
      throw new ApiError('unavailable', `${profile.label} is not installed: "${program}" was not found on PATH`, 'agent')
    }
    return { profile, argv, env: { ...(override?.env ?? {}) } }
  }
}
