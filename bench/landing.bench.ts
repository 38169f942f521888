import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createCore } from '../src/main/core/core'
import type { Run } from '../src/shared/domain'
import { sourceCli, sourcePtyHost } from '../test/fixtures/core'
import { stopPtyHost } from '../test/fixtures/serve'
import { type BenchResult, runIfMain } from './bench-result'

const run = promisify(execFile)
const RUNS = 20
const TARGET_RATIO = 0.7
const git = (cwd: string, args: string[]) => run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout.trim())

async function makeRepo(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true })
  for (let i = 0; i < 200; i++) writeFileSync(join(dir, `file${i}.txt`), `line ${i}\n`.repeat(20))
  await git(dir, ['init', '--quiet', '-b', 'main'])
  await git(dir, ['config', 'user.name', 'Bench'])
  await git(dir, ['config', 'user.email', 'bench@example.com'])
  await git(dir, ['add', '--all'])
  await git(dir, ['commit', '--quiet', '-m', 'initial'])
}

const until = async (check: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/**
 * 20 ready runs (shell agents, each adding its own file) landed in sequence through the queue, against raw
 * `git rebase main && git merge --no-ff` of the same 20 branches, one after the other, in a clone taken before
 * landing. No validation commands on either side: the queue's own overhead is what is measured.
 */
export default async function runBench(): Promise<BenchResult[]> {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'fd-bench-landing-')))
  const home = join(root, 'home')
  const repo = join(root, 'repo')
  await makeRepo(repo)
  const core = await createCore({ home, ptyHost: sourcePtyHost, cliCommand: sourceCli, engine: true, landing: { intervalMs: 50 } })
  try {
    await core.client.invoke('settings.update', { patch: { concurrency: { global: 8 } } }).catch(() => undefined)
    const r = await core.client.invoke('repo.add', { path: repo })
    const runs: Run[] = []
    for (let i = 0; i < RUNS; i++) {
      const issue = await core.client.invoke('issue.create', { repoId: r.id, title: `Add note ${i}` })
      const argv = ['sh', '-c', `printf 'note ${i}\\n' > note${i}.txt && git add note${i}.txt && git commit -qm "note ${i}"`]
      runs.push(await core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv }))
    }
    await until(async () => (await core.client.invoke('run.list', { state: 'ready_to_merge' })).length === RUNS, 300_000)
    const ready = await Promise.all(runs.map((x) => core.client.invoke('run.get', { id: x.id })))

    // The raw side: a clone with the same 20 branches at the same tips, each in a worktree of its own.
    const raw = join(root, 'raw')
    await git(root, ['clone', '--quiet', repo, raw])
    await git(raw, ['config', 'user.name', 'Bench'])
    await git(raw, ['config', 'user.email', 'bench@example.com'])
    for (const [i, x] of ready.entries()) {
      await git(raw, ['branch', `b${i}`, await git(repo, ['rev-parse', `refs/heads/${x.branch}`])])
      await git(raw, ['worktree', 'add', '--quiet', join(root, `raw-wt${i}`), `b${i}`])
    }

    await core.client.invoke('landing.pause', {})
    for (const x of ready) await core.client.invoke('landing.enqueue', { runId: x.id })
    const started = performance.now()
    await core.client.invoke('landing.resume', {})
    await until(async () => (await core.client.invoke('run.list', { state: 'merged' })).length === RUNS, 300_000)
    const flightdeck = (performance.now() - started) / RUNS

    const rawStart = performance.now()
    for (let i = 0; i < RUNS; i++) {
      await git(join(root, `raw-wt${i}`), ['rebase', '--quiet', 'main'])
      await git(raw, ['merge', '--quiet', '--no-ff', '-m', `land b${i}`, `b${i}`])
    }
    const baseline = (performance.now() - rawStart) / RUNS
    const ratio = baseline / flightdeck
    return [
      { name: 'landing.per_run.raw_rebase_merge', value: round(baseline), unit: 'ms' },
      { name: 'landing.per_run.queue', value: round(flightdeck), unit: 'ms', baseline: round(baseline), ratio: round(ratio), target: `>= ${TARGET_RATIO}`, pass: ratio >= TARGET_RATIO }
    ]
  } finally {
    await core.close()
    stopPtyHost(home)
    rmSync(root, { recursive: true, force: true })
  }
}

const round = (n: number): number => Math.round(n * 100) / 100

runIfMain(import.meta.url, runBench)
