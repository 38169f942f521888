import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findOnPath } from '../src/main/core/agents/agent-catalog'
import { bwrapArgv, foregroundPrefix } from '../src/main/core/sandbox/bwrap'
import { sandboxPlan } from '../src/main/core/sandbox/sandbox-plan'
import { sandboxPolicySchema } from '../src/main/core/sandbox/sandbox.schema'
import { sandboxSupport } from '../src/main/core/sandbox/sandbox-support'
import { spawnPty } from '../src/main/core/sessions/pty.adapter'
import { type BenchResult, runIfMain } from './bench-result'
import { egressBench } from './sandbox-egress.support'

const SPAWNS = 20
const BYTES = 20 * 1024 * 1024

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number
const round = (x: number) => Math.round(x * 100) / 100

/** Runs argv in a pty; resolves with ms to the first output and ms to exit, and the chars read. */
function ptyRun(argv: string[], cwd: string): Promise<{ first: number; total: number; chars: number }> {
  return new Promise((resolve) => {
    const start = performance.now()
    let first = 0
    let chars = 0
    const pty = spawnPty(argv[0]!, argv.slice(1), { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TERM: 'xterm-256color' }, cols: 200, rows: 50 })
    pty.onData((d) => {
      if (!first) first = performance.now() - start
      chars += d.length
    })
    pty.onExit(() => resolve({ first, total: performance.now() - start, chars }))
  })
}

/** Sandbox start-up per session and terminal throughput inside vs outside, the same command in the same run. */
export default async function runBench(): Promise<BenchResult[]> {
  const support = sandboxSupport()
  if (!support.ok) return [{ name: 'sandbox.unavailable', value: 0, unit: support.reason }]
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'fd-bench-sandbox-')))
  try {
    const repo = path.join(root, 'repo')
    fs.mkdirSync(repo)
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' })
    git('init', '-q', '-b', 'main')
    git('-c', 'user.name=b', '-c', 'user.email=b@b', 'commit', '-q', '--allow-empty', '-m', 'init')
    const worktree = path.join(root, '.flightdeck-worktrees', 'repo', 'bench')
    git('worktree', 'add', '-q', '-b', 'fd/bench', worktree)
    fs.writeFileSync(path.join(worktree, 'big.txt'), 'x'.repeat(99).concat('\n').repeat(BYTES / 100))
    const home = path.join(root, 'home')
    const runDir = path.join(home, 'runs', 'bench')
    fs.mkdirSync(runDir, { recursive: true })
    const plan = sandboxPlan({ policy: sandboxPolicySchema.parse({}), worktree, gitDir: path.join(repo, '.git', 'worktrees', 'bench'), commonDir: path.join(repo, '.git'), branch: 'fd/bench', home, runDir, worktreeRoot: path.dirname(worktree), agentDirs: [] })
    // As sessions run: with the prefix that gives the agent the terminal's foreground (when perl is there).
    const perl = findOnPath('perl')
    const boxed = (argv: string[]) => bwrapArgv(plan, argv, support.path, perl ? foregroundPrefix(perl) : [])

    const plain: number[] = []
    const inBox: number[] = []
    for (let i = -2; i < SPAWNS; i++) {
      const a = await ptyRun(['/bin/echo', 'ready'], worktree)
      const b = await ptyRun(boxed(['/bin/echo', 'ready']), worktree)
      if (i >= 0) {
        plain.push(a.first)
        inBox.push(b.first)
      }
    }
    // From the first byte to the exit: start-up is measured above; interleaved, so load hits both alike.
    const cat = async (argv: string[]) => {
      const r = await ptyRun(argv, worktree)
      return r.chars / 1024 / 1024 / ((r.total - r.first) / 1000)
    }
    const outside: number[] = []
    const inside: number[] = []
    for (let i = 0; i < 5; i++) {
      outside.push(await cat(['/bin/cat', 'big.txt']))
      inside.push(await cat(boxed(['/bin/cat', 'big.txt'])))
    }
    const added = median(inBox) - median(plain)
    const throughput = median(inside) / median(outside)
    return [
      { name: 'sandbox.startup.unsandboxed', value: round(median(plain)), unit: 'ms to first output' },
      { name: 'sandbox.startup.added', value: round(added), unit: 'ms (median of 20)', baseline: round(median(plain)), target: '< 50 ms added', pass: added < 50 },
      { name: 'sandbox.terminal.outside', value: round(median(outside)), unit: 'MiB/s' },
      { name: 'sandbox.terminal.inside', value: round(median(inside)), unit: 'MiB/s', baseline: round(median(outside)), ratio: round(throughput), target: '>= 0.95', pass: throughput >= 0.95 },
      ...(await egressBench(plan, support.path, perl, runDir))
    ]
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
}

runIfMain(import.meta.url, runBench)
