import type { SandboxPlan } from './sandbox-plan'

/**
 * The bubblewrap command line for a plan: the whole filesystem read-only, a private /tmp, /dev and /proc,
 * the hidden folders replaced by empty ones, then the run's own views and writable folders on top (bwrap
 * applies mounts in order), and every namespace unshared but the network when the policy allows it. The
 * pty host runs this as the session's program; the agent is its child and dies with it.
 */
export function bwrapArgv(plan: SandboxPlan, agentArgv: readonly string[], bwrap = 'bwrap'): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp']
  for (const dir of plan.hidden) args.push('--tmpfs', dir)
  for (const dir of plan.readOnly) args.push('--ro-bind', dir, dir)
  args.push(plan.mode === 'workspace' ? '--bind' : '--ro-bind', plan.worktree, plan.worktree)
  for (const dir of plan.writable) args.push('--bind', dir, dir)
  args.push('--unshare-all')
  if (plan.network === 'on') args.push('--share-net')
  args.push('--die-with-parent', '--new-session', '--chdir', plan.worktree, '--')
  return [bwrap, ...args, ...agentArgv]
}
