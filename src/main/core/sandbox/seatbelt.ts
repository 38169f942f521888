import type { SandboxPlan } from './sandbox-plan'

const quote = (p: string) => `"${p.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`

/**
 * The macOS sandbox-exec (Seatbelt) profile for a plan: reads allowed except the hidden folders (with the run's
 * own views allowed back), writes only to the worktree, the writable folders and temp folders, network per
 * policy. Not testable on Linux: unit-tested as text only (README says so).
 */
export function seatbeltProfile(plan: SandboxPlan): string {
  const lines = ['(version 1)', '(allow default)']
  for (const dir of plan.hidden) lines.push(`(deny file-read* file-write* (subpath ${quote(dir)}))`)
  for (const dir of plan.readOnly) lines.push(`(allow file-read* (subpath ${quote(dir)}))`)
  lines.push('(deny file-write*)')
  const writable = [...(plan.mode === 'workspace' ? [plan.worktree] : []), ...plan.writable, '/private/tmp', '/private/var/folders', '/dev']
  for (const dir of writable) lines.push(`(allow file-write* (subpath ${quote(dir)}))`)
  // allow-list is refused before this (confine.ts); were it to come here, it fails closed.
  if (plan.network !== 'on') lines.push('(deny network*)', '(allow network* (local unix))')
  return `${lines.join('\n')}\n`
}

export function sandboxExecArgv(plan: SandboxPlan, agentArgv: readonly string[]): string[] {
  return ['/usr/bin/sandbox-exec', '-p', seatbeltProfile(plan), ...agentArgv]
}
