import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createWorkspaceService } from '../src/main/core/workspaces/workspace.service'
import { type BenchResult, runIfMain } from './bench-result'


const run = promisify(execFile)
const FILES = 3000
const ITERATIONS = 20
const TARGET_RATIO = 0.8

const git = (cwd: string, args: string[]) => run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })

async function makeRepo(root: string): Promise<string> {
  const repo = join(root, 'repo')
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, `pkg${i % 60}`, `mod${i % 7}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `file${i}.ts`), `export const value${i} = ${i}\n`.repeat(10))
  }
  await git(repo, ['init', '--quiet', '-b', 'main'])
  await git(repo, ['config', 'user.name', 'Bench'])
  await git(repo, ['config', 'user.email', 'bench@example.com'])
  await git(repo, ['add', '--all'])
  await git(repo, ['commit', '--quiet', '-m', 'initial'])
  return repo
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Flightdeck's createWorkspace against a bare `git worktree add` on the same repo, interleaved so load hits both alike. */
export default async function runBench(): Promise<BenchResult[]> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'fd-bench-worktree-')))
  const svc = createWorkspaceService()
  try {
    const repo = await makeRepo(root)
    const rawRoot = join(root, 'raw-worktrees')
    mkdirSync(rawRoot)
    const flightdeck: number[] = []
    const raw: number[] = []
    for (let i = -1; i < ITERATIONS; i++) {
      // Alternate which goes first so neither always enjoys a warmer page cache.
      const steps = [
        async () => {
          const ms = await time(() => svc.createWorkspace({ repoPath: repo, runId: `r${i + 1}`, title: 'bench run' }).then(() => undefined))
          if (i >= 0) flightdeck.push(ms) // iteration -1 is warm-up
        },
        async () => {
          const ms = await time(() => git(repo, ['worktree', 'add', '-b', `raw/bench-${i + 1}`, join(rawRoot, `w${i + 1}`), 'main']))
          if (i >= 0) raw.push(ms)
        },
      ]
      for (const step of i % 2 === 0 ? steps : steps.reverse()) await step()
    }
    const fd = median(flightdeck)
    const base = median(raw)
    const ratio = base / fd
    return [
      { name: 'worktree.create.raw', value: round(base), unit: 'ms' },
      {
        name: 'worktree.create.flightdeck',
        value: round(fd),
        unit: 'ms',
        baseline: round(base),
        ratio: round(ratio),
        target: `>= ${TARGET_RATIO}`,
        pass: ratio >= TARGET_RATIO,
      },
    ]
  } finally {
    svc.dispose()
    rmSync(root, { recursive: true, force: true })
  }
}

const round = (x: number): number => Math.round(x * 100) / 100

runIfMain(import.meta.url, runBench)
