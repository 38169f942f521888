import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { findOnPath } from '../agents/agent-catalog'

export type SandboxSupport = { ok: true; tool: 'bwrap' | 'sandbox-exec'; path: string } | { ok: false; reason: string }

let cached: SandboxSupport | undefined

/**
 * Whether this machine can confine an agent: bubblewrap that can actually unshare the namespaces (a kernel or
 * container may refuse user namespaces), or macOS sandbox-exec. Probed once per process.
 */
export function sandboxSupport(platform: NodeJS.Platform = process.platform): SandboxSupport {
  if (cached) return cached
  if (platform === 'darwin') {
    cached = fs.existsSync('/usr/bin/sandbox-exec') ? { ok: true, tool: 'sandbox-exec', path: '/usr/bin/sandbox-exec' } : { ok: false, reason: '/usr/bin/sandbox-exec is missing' }
    return cached
  }
  if (platform !== 'linux') return (cached = { ok: false, reason: `no sandbox for ${platform} yet` })
  // FLIGHTDECK_BWRAP names another bubblewrap (a distribution's setuid build, say), or one that is not there.
  const bwrap = findOnPath(process.env.FLIGHTDECK_BWRAP || 'bwrap')
  if (!bwrap) return (cached = { ok: false, reason: `bubblewrap (${process.env.FLIGHTDECK_BWRAP || 'bwrap'}) is not installed: apt-get install bubblewrap, or dnf install bubblewrap` })
  const probe = spawnSync(bwrap, ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-all', '--die-with-parent', '--', '/bin/true'], { encoding: 'utf8', timeout: 10_000 })
  cached = probe.status === 0
    ? { ok: true, tool: 'bwrap', path: bwrap }
    : { ok: false, reason: `the kernel refused bubblewrap's namespaces (${(probe.stderr || probe.error?.message || `exit ${probe.status}`).trim()}); unprivileged user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone, or an AppArmor policy)` }
  return cached
}
