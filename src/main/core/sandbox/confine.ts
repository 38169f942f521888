import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Confinement } from '../../../shared/contract/sandbox'
import { ApiError } from '../../../shared/errors'
import { findOnPath } from '../agents/agent-catalog'
import { egressPrefix } from '../egress/forwarder'
import { bwrapArgv, foregroundPrefix } from './bwrap'
import { sandboxPlan } from './sandbox-plan'
import type { SandboxPolicy } from './sandbox.schema'
import { sandboxExecArgv } from './seatbelt'
import { sandboxSupport } from './sandbox-support'

export interface ConfineInput {
  policy: SandboxPolicy
  worktree: string
  branch: string
  home: string
  runDir: string
  agentDirs: string[]
  argv: string[]
  /** With `network: allow-list`: where the forwarder inside the sandbox listens and what it forwards to (egress/forwarder.ts). */
  forwarder?: { port: number; socketPath: string }
}


async function gitDirs(worktree: string): Promise<{ gitDir: string; commonDir: string }> {
  const { stdout } = await promisify(execFile)('git', ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir'], { cwd: worktree })
  const [gitDir, commonDir] = stdout.trim().split('\n')
  if (!gitDir || !commonDir) throw new Error(`git could not name the git folders of ${worktree}`)
  return { gitDir, commonDir }
}

/**
 * Wraps an agent's argv in the sandbox its policy asks for. Where the OS cannot confine, the session starts
 * unconfined only if the policy allows it, and the reason is returned so the run can say so.
 */
export async function confineSession(input: ConfineInput): Promise<{ argv: string[]; confinement: Confinement }> {
  if (input.policy.mode === 'off') return { argv: input.argv, confinement: { mode: 'off', reason: 'the policy turns the sandbox off' } }
  const support = sandboxSupport()
  if (!support.ok) {
    if (!input.policy.allowUnsandboxed) throw new ApiError('refused', `the agent cannot be sandboxed here (${support.reason}) and the policy does not allow running it unconfined (sandbox.allowUnsandboxed)`)
    return { argv: input.argv, confinement: { mode: 'off', reason: `unsandboxed: ${support.reason}` } }
  }
  if (input.policy.network === 'allow-list' && support.tool !== 'bwrap') {
    throw new ApiError('refused', `the network allow-list needs bubblewrap's own network namespace; ${support.tool} cannot give one yet: use sandbox.network "on" or "off" on this machine`)
  }
  const plan = sandboxPlan({ ...input, ...(await gitDirs(input.worktree)), worktreeRoot: path.dirname(input.worktree) })
  const perl = support.tool === 'bwrap' ? findOnPath('perl') : null
  if (plan.network === 'allow-list' && (!perl || !input.forwarder)) {
    throw new ApiError('refused', perl ? 'the network allow-list needs its forwarder (no engine prepared one)' : 'the network allow-list needs perl (perl-base) to start its forwarder inside the sandbox')
  }
  const prefix = [...(perl && input.forwarder && support.tool === 'bwrap' ? egressPrefix(perl, input.forwarder.port, input.forwarder.socketPath) : []), ...(perl ? foregroundPrefix(perl) : [])]
  const argv = support.tool === 'bwrap' ? bwrapArgv(plan, input.argv, support.path, prefix) : sandboxExecArgv(plan, input.argv)
  return { argv, confinement: { mode: plan.mode, network: plan.network, tool: support.tool } }
}
