import { describe, expect, it } from 'vitest'
import { egressPrefix } from '../egress/forwarder'
import { bwrapArgv, foregroundPrefix } from './bwrap'
import type { SandboxPlan } from './sandbox-plan'
import { networkCheck } from './doctor'
import { seatbeltProfile } from './seatbelt'

const plan: SandboxPlan = {
  mode: 'workspace',
  network: 'off',
  worktree: '/src/.flightdeck-worktrees/shop/add-cart-01',
  hidden: ['/home/me/.flightdeck', '/src/.flightdeck-worktrees/shop'],
  readOnly: ['/home/me/.flightdeck/runs/01', '/src/shop/.git'],
  writable: ['/src/shop/.git/objects', '/src/shop/.git/worktrees/add-cart-01', '/src/shop/.git/refs/heads/fd', '/home/me/.claude']
}

describe('sandbox renderings of one plan', () => {
  it('bubblewrap: read-only root, hidden folders before the views and writable binds laid over them, no network', () => {
    const argv = bwrapArgv(plan, ['claude', '--settings', '/x'], '/usr/bin/bwrap')
    const at = (flag: string, dir: string) => argv.findIndex((a, i) => a === flag && argv[i + 1] === dir)
    expect(argv.slice(0, 4)).toEqual(['/usr/bin/bwrap', '--ro-bind', '/', '/'])
    expect(at('--tmpfs', '/home/me/.flightdeck')).toBeLessThan(at('--ro-bind', '/home/me/.flightdeck/runs/01'))
    expect(at('--tmpfs', '/src/.flightdeck-worktrees/shop')).toBeLessThan(at('--bind', plan.worktree))
    expect(at('--bind', '/src/shop/.git/objects')).toBeGreaterThan(at('--ro-bind', '/src/shop/.git'))
    expect(argv).toContain('--unshare-all')
    expect(argv).not.toContain('--share-net')
    expect(argv.slice(argv.indexOf('--') + 1)).toEqual(['claude', '--settings', '/x'])
    // With the foreground prefix the agent runs as the terminal's foreground process group (Ctrl-C reaches it).
    const fg = bwrapArgv(plan, ['claude'], '/usr/bin/bwrap', foregroundPrefix('/usr/bin/perl'))
    expect(fg.slice(fg.indexOf('--') + 1, fg.indexOf('--') + 4)).toEqual(['/usr/bin/perl', '-MPOSIX', '-e'])
    expect(fg.at(-1)).toBe('claude')
    expect(bwrapArgv({ ...plan, network: 'on', mode: 'readonly' }, ['sh'])).toEqual(expect.arrayContaining(['--share-net', '--ro-bind', plan.worktree]))
  })

  it('network allow-list: the sandbox keeps its own network namespace; the forwarder starts before the agent', () => {
    const argv = bwrapArgv({ ...plan, network: 'allow-list' }, ['claude'], '/usr/bin/bwrap', [...egressPrefix('/usr/bin/perl', 9480, '/home/me/.flightdeck/runs/01/egress.sock'), ...foregroundPrefix('/usr/bin/perl')])
    expect(argv).toContain('--unshare-all')
    expect(argv).not.toContain('--share-net')
    const inside = argv.slice(argv.indexOf('--') + 1)
    // perl -MPOSIX -MSocket -e SCRIPT <port> <socket> <the foreground prefix> <agent>
    expect(inside.slice(0, 4)).toEqual(['/usr/bin/perl', '-MPOSIX', '-MSocket', '-e'])
    expect(inside.slice(5, 7)).toEqual(['9480', '/home/me/.flightdeck/runs/01/egress.sock'])
    expect(inside.slice(7, 10)).toEqual(['/usr/bin/perl', '-MPOSIX', '-e'])
    expect(inside.at(-1)).toBe('claude')
    expect(seatbeltProfile({ ...plan, network: 'allow-list' })).toContain('(deny network*)')
  })

  it('macOS Seatbelt: the same rules as a profile, paths quoted (sandbox-exec cannot run on Linux: checked as text)', () => {
    const profile = seatbeltProfile({ ...plan, worktree: '/Users/me/src/wt "quoted"' })
    const lines = profile.trim().split('\n')
    expect(lines.slice(0, 2)).toEqual(['(version 1)', '(allow default)'])
    expect(lines).toContain('(deny file-read* file-write* (subpath "/home/me/.flightdeck"))')
    expect(lines.indexOf('(allow file-read* (subpath "/home/me/.flightdeck/runs/01"))')).toBeGreaterThan(lines.indexOf('(deny file-read* file-write* (subpath "/home/me/.flightdeck"))'))
    expect(lines.indexOf('(allow file-write* (subpath "/Users/me/src/wt \\"quoted\\""))')).toBeGreaterThan(lines.indexOf('(deny file-write*)'))
    expect(lines).toContain('(deny network*)')
  })

  it('doctor says which network modes the machine can enforce', () => {
    expect(networkCheck({ ok: true, tool: 'bwrap', path: '/usr/bin/bwrap' }, '/usr/bin/perl')).toMatchObject({ status: 'ok' })
    expect(networkCheck({ ok: true, tool: 'bwrap', path: '/usr/bin/bwrap' }, null)).toMatchObject({ status: 'warn', fix: 'install perl-base' })
    expect(networkCheck({ ok: true, tool: 'sandbox-exec', path: '/usr/bin/sandbox-exec' })).toMatchObject({ status: 'warn', detail: expect.stringMatching(/^on and off; allow-list needs a network namespace/) })
    expect(networkCheck({ ok: false, reason: 'no bwrap' })).toMatchObject({ status: 'warn' })
  })
})
