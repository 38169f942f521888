import type { SandboxPlan } from './sandbox-plan'

/**
 * The bubblewrap command line for a plan: the whole filesystem read-only, a private /tmp, /dev and /proc,
 * the hidden folders replaced by empty ones, then the run's own views and writable folders on top (bwrap
 * applies mounts in order), and every namespace unshared but the network when the policy allows it. The
 * pty host runs this as the session's program; the agent is its child and dies with it.
 */
export function bwrapArgv(plan: SandboxPlan, agentArgv: readonly string[], bwrap = 'bwrap', foreground: readonly string[] = []): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp']
  for (const dir of plan.hidden) args.push('--tmpfs', dir)
  for (const dir of plan.readOnly) args.push('--ro-bind', dir, dir)
  args.push(plan.mode === 'workspace' ? '--bind' : '--ro-bind', plan.worktree, plan.worktree)
  for (const dir of plan.writable) args.push('--bind', dir, dir)
  args.push('--unshare-all')
  if (plan.network === 'on') args.push('--share-net')
  // No --new-session: the agent keeps the pty as its controlling terminal (the pty is its own; there is no other
  // terminal to inject into), so resizes (SIGWINCH) reach it. `foreground` makes it the terminal's foreground
  // process group too, so a Ctrl-C (SIGINT) reaches the agent and not bwrap, which would die of it.
  args.push('--die-with-parent', '--chdir', plan.worktree, '--')
  return [bwrap, ...args, ...foreground, ...agentArgv]
}

/**
 * A prefix that puts the agent in a process group of its own, gives it the terminal, and execs it (exit codes
 * unchanged). Perl's POSIX module does it in one line; perl-base is part of every Debian and Ubuntu system.
 * A job-control shell cannot: inside the pid namespace it fails to hand the terminal back when the job ends.
 */
export function foregroundPrefix(perl: string): string[] {
  return [perl, '-MPOSIX', '-e', '$SIG{TTOU}="IGNORE"; setpgid(0,0); tcsetpgrp(0, getpgrp()); $SIG{TTOU}="DEFAULT"; exec { $ARGV[0] } @ARGV or die "flightdeck: cannot run $ARGV[0]: $!\\n"']
}
