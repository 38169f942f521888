import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createWorkspaceService } from '../src/main/core/workspaces/workspace.service'
import { type BenchResult, runIfMain } from './bench-result'

const run = promisify(execFile)
const FILES = Number(process.env.FD_BENCH_CKPT_FILES ?? 10_000)
const BYTES = Number(process.env.FD_BENCH_CKPT_BYTES ?? 200 * 1024 * 1024)
const TURNS = 15
const CHANGED_PER_TURN = 20
const TARGET_RATIO = 0.8

const git = (cwd: string, args: string[], env?: Record<string, string>) =>
  run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: env ? { ...process.env, ...env } : process.env })

async function makeRepo(root: string): Promise<string> {
  const repo = join(root, 'repo')
  const size = Math.floor(BYTES / FILES)
  for (let i = 0; i < FILES; i++) {
    const dir = join(repo, `pkg${i % 100}`, `mod${i % 10}`)
    mkdirSync(dir, { recursive: true })
    // Incompressible content, so the 200 MB are 200 MB on disk and in git's object store.
    writeFileSync(join(dir, `file${i}.bin`), randomBytes(size))
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

/** One agent turn: a few tracked files edited, one deleted, a few new untracked ones; the same in both worktrees. */
function turn(paths: string[], t: number): void {
  const file = (i: number) => join(`pkg${i % 100}`, `mod${i % 10}`, `file${i}.bin`)
  for (const wt of paths) {
    for (let k = 0; k < CHANGED_PER_TURN; k++) writeFileSync(join(wt, file((t * CHANGED_PER_TURN + k) % FILES)), `turn ${t} edit ${k}\n`)
    rmSync(join(wt, file((FILES - 1 - t) % FILES)), { force: true })
    mkdirSync(join(wt, 'notes'), { recursive: true })
    writeFileSync(join(wt, 'notes', `n${t}.md`), `note ${t}\n`)
  }
}

/**
 * Flightdeck's checkpoint per turn (private index, write-tree, commit-tree, update-ref, through the GitRunner's
 * worker thread) against a raw `git add -A && git write-tree && git commit-tree` of the same state in a twin
 * worktree, turn by turn, alternating which goes first.
 */
export default async function runBench(): Promise<BenchResult[]> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'fd-bench-ckpt-')))
  const svc = createWorkspaceService({ watch: false })
  try {
    const built = performance.now()
    const repo = await makeRepo(root)
    const ws = await svc.createWorkspace({ repoPath: repo, runId: 'bench', title: 'checkpoint bench' })
    const twin = join(root, 'twin')
    await git(repo, ['worktree', 'add', '--quiet', '-b', 'raw-twin', twin, 'main'])
    const setupMs = performance.now() - built
    const flightdeck: number[] = []
    const raw: number[] = []
    const head = (await git(twin, ['rev-parse', 'HEAD'])).stdout.trim()
    for (let t = -1; t < TURNS; t++) {
      turn([ws.path, twin], t + 1)
      const steps = [
        async () => {
          const start = performance.now()
          const c = await svc.checkpointTurn(ws, 'bench', `turn ${t + 1}`)
          if (!c) throw new Error(`turn ${t + 1} changed files but took no checkpoint`)
          if (t >= 0) flightdeck.push(performance.now() - start) // turn -1 warms both up
        },
        async () => {
          const start = performance.now()
          await git(twin, ['add', '-A'])
          const tree = (await git(twin, ['write-tree'])).stdout.trim()
          await git(twin, ['commit-tree', tree, '-p', head, '-m', `raw ${t + 1}`])
          if (t >= 0) raw.push(performance.now() - start)
        }
      ]
      for (const step of t % 2 === 0 ? steps : steps.reverse()) await step()
    }
    const fd = median(flightdeck)
    const base = median(raw)
    const ratio = base / fd
    return [
      { name: 'checkpoint.repo.setup', value: round(setupMs / 1000), unit: `s (${FILES} files, ${Math.round(BYTES / 1024 / 1024)} MB)` },
      { name: 'checkpoint.turn.raw', value: round(base), unit: 'ms' },
      { name: 'checkpoint.turn.flightdeck', value: round(fd), unit: 'ms', baseline: round(base), ratio: round(ratio), target: `>= ${TARGET_RATIO}`, pass: ratio >= TARGET_RATIO }
    ]
  } finally {
    svc.dispose()
    rmSync(root, { recursive: true, force: true })
  }
}

const round = (x: number): number => Math.round(x * 100) / 100

runIfMain(import.meta.url, runBench)
