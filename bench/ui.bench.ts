/**
 * UI bench in Debian's Chromium against a real `flightdeck serve` on a temp home: the issue board with 10,000
 * issues and the runs board with 20,000 runs (time to first render, filter-typing latency p95), and the route
 * change from one run's view to the next (p95). The data is seeded into the home's database by an in-process core
 * before `serve` starts: issues through the API, runs as rows in final states (so no engine launches them).
 * Run: npm run build && node --import tsx bench/ui.bench.ts
 */
import path from 'node:path'
import { type Page, chromium } from 'playwright-core'
import { createCore } from '../src/main/core/core'
import { newId } from '../src/main/core/ids'
import { insertRun } from '../src/main/core/runs/run.repository'
import { startServe } from '../test/fixtures/serve'
import { makeGitRepo, tempDir } from '../test/fixtures/temp'
import { type BenchResult, runIfMain } from './bench-result'

const ISSUES = 10_000
const RUNS = 20_000
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const words = ['cart', 'login', 'search', 'billing', 'profile', 'export', 'import', 'health', 'metrics', 'queue']
const runStates = ['merged', 'failed', 'stopped', 'ready_to_merge'] as const

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN

export async function seed(home: string, repoPath: string): Promise<void> {
  const core = await createCore({ home })
  try {
    const repo = await core.client.invoke('repo.add', { path: repoPath })
    for (let i = 0; i < ISSUES; i += 200) {
      await Promise.all(Array.from({ length: 200 }, (_, j) => core.client.invoke('issue.create', { repoId: repo.id, title: `Issue ${i + j}: improve ${words[(i + j) % words.length]} flow`, labels: [words[(i + j) % 7] ?? 'x'] })))
    }
    const { store } = core.services
    const packets = await store.db.selectFrom('context_packets').select(['id', 'issue_id']).execute()
    for (let i = 0; i < RUNS; i += 1_000) {
      await store.write(async (tx) => {
        for (let j = i; j < Math.min(RUNS, i + 1_000); j++) {
          const packet = packets[j % packets.length]!
          const ts = new Date(Date.parse('2026-12-01T00:00:00Z') + j * 1_000).toISOString()
          await insertRun(tx.db, {
            id: newId(), issue_id: packet.issue_id, repo_id: repo.id, agent_profile: j % 3 ? 'claude-code' : 'codex', state: runStates[j % runStates.length]!,
            context_packet_id: packet.id, constraint_snapshot_id: null, branch: `fd/bench-${j}`, worktree_path: null, policy_snapshot: '{}',
            created_at: ts, updated_at: ts, ended_at: ts, session_id: null, attempt: 1, activity: 'exited', exit_code: 0, base_branch: 'main', argv: null,
            detail: null, last_output_at: null, agent_session_id: null, activity_source: null, activity_at: null, restart_due_at: null, priority_rank: 2, start_point: null
          })
        }
      })
    }
  } finally {
    await core.close()
  }
}

/** Each keystroke: a real input event into the filter, then the next frame after React committed. */
function typeLatencies(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (text) => {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Filter issues"]')
    if (!input) throw new Error('no filter input')
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
    const out: number[] = []
    for (const round of [0, 1, 2]) {
      for (let i = 1; i <= text.length; i++) {
        const t0 = performance.now()
        setValue?.call(input, text.slice(0, i))
        input.dispatchEvent(new Event('input', { bubbles: true }))
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
        if (round > 0) out.push(performance.now() - t0)
      }
      setValue?.call(input, '')
      input.dispatchEvent(new Event('input', { bubbles: true }))
      await new Promise((r) => setTimeout(r, 50))
    }
    return out
  }, text)
}

/** From a `j` (next run) to the frame after the run view shows the next run. */
function routeChanges(page: Page, count: number): Promise<number[]> {
  return page.evaluate(async (count) => {
    // No named helpers in here: the bundler would wrap them in a function the page does not have.
    const out: number[] = []
    const selector = '[data-testid="run-view"]'
    for (let i = 0; i < count; i++) {
      const before = document.querySelector(selector)?.getAttribute('data-run-id')
      const t0 = performance.now()
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))
      while (document.querySelector(selector)?.getAttribute('data-run-id') === before) await new Promise((r) => requestAnimationFrame(r))
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))
      out.push(performance.now() - t0)
    }
    return out
  }, count)
}

export default async function run(): Promise<BenchResult[]> {
  const tmp = tempDir('fd-bench-ui-')
  const home = path.join(tmp.dir, 'home')
  await seed(home, makeGitRepo(path.join(tmp.dir, 'big')))
  const serve = await startServe(home)
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: flags })
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    let started = performance.now()
    await page.goto(`${serve.url}#/board`)
    await page.getByTestId('column-planning').getByTestId('column-count').filter({ hasText: String(ISSUES) }).waitFor({ timeout: 120_000 })
    const boardFirst = performance.now() - started
    const boardFilter = p95(await typeLatencies(page, 'improve billing flow 42'))

    started = performance.now()
    await page.goto(`${serve.url}#/runs`)
    await page.reload()
    await page.getByTestId('run-column-merged').getByTestId('column-count').filter({ hasText: String(RUNS / runStates.length) }).waitFor({ timeout: 120_000 })
    const runsFirst = performance.now() - started
    const runsFilter = p95(await typeLatencies(page, 'improve billing flow 42'))

    await page.getByTestId('run-column-merged').getByTestId('run-card').first().click()
    await page.getByTestId('run-view').waitFor()
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    const route = p95(await routeChanges(page, 40))
    return [
      { name: `board: time to first render, ${ISSUES} issues`, value: Math.round(boardFirst), unit: 'ms', target: '< 500 ms', pass: boardFirst < 500 },
      { name: `board: filter typing latency p95, ${ISSUES} issues`, value: Math.round(boardFilter * 10) / 10, unit: 'ms', target: '< 50 ms', pass: boardFilter < 50 },
      { name: `runs board: time to first render, ${RUNS} runs`, value: Math.round(runsFirst), unit: 'ms', target: '< 500 ms', pass: runsFirst < 500 },
      { name: `runs board: filter typing latency p95, ${RUNS} runs`, value: Math.round(runsFilter * 10) / 10, unit: 'ms', target: '< 50 ms', pass: runsFilter < 50 },
      { name: 'route change between run views p95', value: Math.round(route * 10) / 10, unit: 'ms', target: '< 100 ms', pass: route < 100 }
    ]
  } finally {
    await browser.close()
    await serve.stop()
    tmp.cleanup()
  }
}

runIfMain(import.meta.url, run)
