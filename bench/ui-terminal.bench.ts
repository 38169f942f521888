/**
 * Terminal UI benches in Debian's Chromium against a real `flightdeck serve` on a temp home:
 * 1. render throughput of 20 MB through the real path (shell run in the pty host -> WebSocket -> run view's
 *    TermView, acking after parse) against @xterm/xterm alone writing the same bytes in the same browser with
 *    the renderer the app chose (the DOM on this machine's software GL); both end at the frame that draws the
 *    last byte parsed, with the mouse resting on the terminal;
 * 2. 20 live sessions with 4 tiles in the grid: main-thread long tasks per second and input echo p95.
 * Run: npx electron-vite build && node --import tsx bench/ui-terminal.bench.ts
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { type BenchResult, runIfMain } from './bench-result'
import { appPage, cpuByPart, type Deck, loadAverage, median, p95, round, startBareServer, startDeck } from './ui-terminal.support'

const MiB = 1024 * 1024
const SIZE = 20 * MiB
const ROUNDS = 3
const MARKER = 'FDBENCH-END'
/** The pty host's largest batch: the bare page writes chunks of the size the app receives at full speed. */
const CHUNK = 64 * 1024
const STREAMERS = 19
const KEYSTROKES = 60

/** Timestamps the first terminal frame off the WebSocket, before the app's own handler sees it. */
const hookSocket = () => {
  const Native = window.WebSocket
  const w = window as unknown as { fdArmed: boolean; fdFirst: number }
  w.fdArmed = false
  w.fdFirst = 0
  window.WebSocket = class extends Native {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args)
      this.addEventListener('message', (e) => {
        if (!w.fdArmed || w.fdFirst || typeof e.data !== 'string') return
        const head = e.data.slice(0, 80)
        if (head.includes('"t":"stream"') && head.includes('"terminal"')) w.fdFirst = performance.now()
      })
    }
  }
}

/**
 * Resolves with performance.now() in the frame that draws the terminal under `selector` having parsed `total` chars of
 * live output (its TermView keeps the count in data-parsed), whichever renderer draws it.
 */
const whenParsed = ([selector, total]: [string, number]) =>
  new Promise<number>((resolve, reject) => {
    const element = document.querySelector<HTMLElement>(selector)
    if (!element) return reject(new Error(`no terminal at ${selector}`))
    const observer = new MutationObserver(() => {
      if (Number(element.dataset.parsed ?? 0) < total) return
      observer.disconnect()
      // xterm asked for its frame while parsing, so this callback runs in the same frame, after it drew.
      requestAnimationFrame(() => resolve(performance.now()))
    })
    observer.observe(element, { attributes: true, attributeFilter: ['data-parsed'] })
  })

/** Rests the mouse on the middle of `selector`, as a user watching it would (hover costs count on both sides). */
async function hover(page: Page, selector: string): Promise<void> {
  const box = await page.locator(selector).boundingBox()
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
}

type Cpu = ReturnType<typeof cpuByPart>
const cpuSince = (before: Cpu, after: Cpu): Cpu => ({ host: after.host - before.host, serve: after.serve - before.serve, chromium: after.chromium - before.chromium })

async function appThroughput(deck: Deck, file: string, total: number, round: number): Promise<{ ms: number; cols: number; rows: number; renderer: string; cpu: Cpu }> {
  const sizeFile = path.join(deck.tmp.dir, `size-${round}`)
  const issue = await deck.api.invoke('issue.create', { repoId: deck.repoId, title: `Throughput ${round}` })
  // Waits for a line (echo off, so the Enter sends nothing back) so the stream starts with the view attached.
  const script = `stty -echo; read x; stty size > ${sizeFile}; cat ${file}; echo ${MARKER}`
  await deck.api.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', script] })
  const page = await appPage(deck)
  await page.addInitScript(hookSocket)
  await page.reload()
  try {
    await page.getByRole('button', { name: 'Runs' }).click()
    await page.getByTestId('run-card').filter({ hasText: `Throughput ${round}` }).click()
    const view = page.getByTestId('run-view')
    await view.getByTestId('terminal-status').and(page.locator('[data-status=live]')).waitFor()
    await page.waitForTimeout(300) // the fit and its resize reach the pty before the stream starts
    const terminal = '[data-testid=run-view] [data-testid=terminal]'
    await hover(page, terminal)
    const renderer = (await page.locator(terminal).getAttribute('data-renderer')) ?? 'dom'
    const shown = page.evaluate(whenParsed, [terminal, total] as [string, number])
    await page.evaluate(() => ((window as unknown as { fdArmed: boolean }).fdArmed = true))
    // No click: the run view focuses its terminal itself, and a click would leave an (empty) xterm selection
    // that the bare page does not have and that xterm re-renders on every scrollback trim.
    const cpu = cpuByPart(deck)
    await page.keyboard.press('Enter')
    const end = await shown
    const used = cpuSince(cpu, cpuByPart(deck))
    const first = await page.evaluate(() => (window as unknown as { fdFirst: number }).fdFirst)
    const [rows, cols] = fs.readFileSync(sizeFile, 'utf8').trim().split(' ').map(Number)
    return { ms: end - first, cols: cols ?? 0, rows: rows ?? 0, renderer, cpu: used }
  } finally {
    await page.context().close()
  }
}

async function bareThroughput(deck: Deck, url: string, cols: number, rows: number, renderer: string): Promise<{ ms: number; parsedMs: number; chars: number; cpu: number }> {
  const page = await deck.browser.newPage({ viewport: { width: 1440, height: 900 } })
  try {
    await page.goto(url)
    await hover(page, '#term')
    await page.evaluate(() => (window as unknown as { loadBare: () => Promise<void> }).loadBare())
    const cpu = cpuByPart(deck).chromium
    const r = await page.evaluate(
      ([c, r, chunk, gl]) => (window as unknown as { runBare: (...a: unknown[]) => Promise<{ chars: number; parsedMs: number; shownMs: number }> }).runBare(c, r, chunk, gl),
      [cols, rows, CHUNK, renderer] as const
    )
    return { ms: r.shownMs, parsedMs: r.parsedMs, chars: r.chars, cpu: cpuByPart(deck).chromium - cpu }
  } finally {
    await page.context().close()
  }
}

async function throughput(deck: Deck): Promise<BenchResult[]> {
  const line = 'flightdeck bench 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ ~!@#$%^&*()\n'
  const text = line.repeat(Math.ceil(SIZE / line.length)).slice(0, SIZE)
  const file = path.join(deck.tmp.dir, 'big.txt')
  fs.writeFileSync(file, text)
  // What the pty emits for `cat file; echo marker` (onlcr turns \n into \r\n): the bare page writes exactly this.
  const bytes = `${text}${MARKER}\n`.replaceAll('\n', '\r\n')
  const bare = await startBareServer(bytes)
  const app: number[] = []
  const raw: number[] = []
  const appCpu: Cpu[] = []
  const bareCpu: number[] = []
  let renderer = 'dom'
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const a = await appThroughput(deck, file, bytes.length, i)
      renderer = a.renderer
      const b = await bareThroughput(deck, bare.url, a.cols, a.rows, a.renderer)
      app.push(b.chars / MiB / (a.ms / 1_000))
      raw.push(b.chars / MiB / (b.ms / 1_000))
      appCpu.push(a.cpu)
      bareCpu.push(b.cpu)
      console.log(`throughput round ${i}: app ${round(app[i] ?? 0)} MiB/s (${Math.round(a.ms)} ms), bare ${round(raw[i] ?? 0)} MiB/s (${Math.round(b.ms)} ms, parsed ${Math.round(b.parsedMs)} ms), ${a.cols}x${a.rows}, ${a.renderer}; CPU s: app chromium ${round(a.cpu.chromium, 2)} pty host ${round(a.cpu.host, 2)} serve ${round(a.cpu.serve, 2)}, bare chromium ${round(b.cpu, 2)}; load ${loadAverage()}`)
    }
  } finally {
    await bare.close()
  }
  const ratio = median(app) / median(raw)
  // Where the CPU goes: on a small machine the parts the bare page does not have (the pty host, which parses
  // everything again for history, serve, Chromium's WebSocket path) compete with the renderer for the cores.
  const cpu = (part: keyof Cpu) => round(median(appCpu.map((c) => c[part])), 2)
  return [
    { name: `terminal 20 MB: serve -> WebSocket -> run view TermView vs bare xterm (${renderer === 'webgl' ? 'WebGL' : 'DOM'})`, value: round(median(app)), unit: 'MiB/s', baseline: round(median(raw)), ratio: round(ratio, 2), target: 'ratio >= 0.8', pass: ratio >= 0.8 },
    { name: 'terminal 20 MB: CPU in Chromium, app vs bare page', value: cpu('chromium'), unit: 's', baseline: round(median(bareCpu), 2) },
    { name: 'terminal 20 MB: CPU in the pty host (incl. its history mirror) and in serve', value: round(cpu('host') + cpu('serve'), 2), unit: 's' }
  ]
}

/**
 * Resolves with the latency from the next keydown (its event time, so a busy main thread counts) to the frame
 * that draws the echo in the terminal under `selector`: a quiet `cat` prints nothing but what is typed, so the
 * first growth of its data-parsed count after the keydown is the echo, whichever renderer draws it.
 */
const armEcho = (selector: string) => {
  ;(window as unknown as { fdEcho: Promise<number> }).fdEcho = new Promise<number>((resolve, reject) => {
    const element = document.querySelector<HTMLElement>(`${selector} [data-testid=terminal]`)
    if (!element) return reject(new Error(`no terminal under ${selector}`))
    let t0 = 0
    let before = 0
    setTimeout(() => reject(new Error(`no echo in 10 s (keydown ${t0 ? 'seen' : 'not seen'}, parsed ${element.dataset.parsed})`)), 10_000)
    document.addEventListener('keydown', (e) => ((t0 = e.timeStamp), (before = Number(element.dataset.parsed ?? 0))), { capture: true, once: true })
    const observer = new MutationObserver(() => {
      if (!t0 || Number(element.dataset.parsed ?? 0) <= before) return
      observer.disconnect()
      requestAnimationFrame(() => resolve(performance.now() - t0))
    })
    observer.observe(element, { attributes: true, attributeFilter: ['data-parsed'] })
  })
}

/** Types one letter at a time into the tile's `cat`, a line of 15 letters at a time. */
async function echoLatencies(page: Page, tile: string): Promise<number[]> {
  const out: number[] = []
  let line = ''
  await page.locator(`${tile} [data-testid=terminal]`).click()
  for (let i = 0; i < KEYSTROKES; i++) {
    const letter = String.fromCharCode(97 + (i % 26))
    line += letter
    await page.evaluate(armEcho, tile)
    await page.keyboard.press(letter)
    out.push(await page.evaluate(() => (window as unknown as { fdEcho: Promise<number> }).fdEcho))
    await page.waitForTimeout(120)
    if (line.length === 15) {
      await page.keyboard.press('Enter')
      await page.waitForTimeout(250)
      line = ''
    }
  }
  return out
}

async function liveGrid(deck: Deck): Promise<BenchResult[]> {
  const issue = async (title: string) => (await deck.api.invoke('issue.create', { repoId: deck.repoId, title })).id
  // The oldest live run takes the first tile: a quiet `cat` to type into, next to three streaming tiles.
  const echo = await deck.api.invoke('run.start', { issueId: await issue('Echo target'), agent: 'shell', argv: ['cat'] })
  const stream = `$|=1; my $i=0; while (1) { printf "stream %06d %s\\n", $i++, "abcdefghijklmnopqrstuvwxyz0123456789" x 2; select(undef, undef, undef, 0.02) }`
  const streamers = []
  for (let n = 0; n < STREAMERS; n++) streamers.push(await deck.api.invoke('run.start', { issueId: await issue(`Streamer ${n}`), agent: 'shell', argv: ['perl', '-e', stream] }))
  const page = await appPage(deck)
  try {
    await page.getByRole('button', { name: 'Grid' }).click()
    await page.getByText(`${STREAMERS + 1} live`).waitFor({ timeout: 30_000 })
    const tiles = page.getByTestId('grid-tile')
    await tiles.and(page.locator('[data-status=live]')).nth(3).waitFor()
    const tile = `[data-testid=grid-tile][data-run="${echo.id}"]`
    await page.locator(tile).waitFor()
    await page.waitForTimeout(1_000)

    const results: { longTasksPerSec: number; longTaskMsPerSec: number; p95: number; p50: number }[] = []
    for (let r = 0; r < ROUNDS; r++) {
      await page.evaluate(() => {
        const w = window as unknown as { fdLong: number[]; fdLongObserver: PerformanceObserver; fdLongStart: number }
        w.fdLong = []
        w.fdLongStart = performance.now()
        w.fdLongObserver = new PerformanceObserver((list) => w.fdLong.push(...list.getEntries().map((e) => e.duration)))
        w.fdLongObserver.observe({ type: 'longtask' })
      })
      const latencies = await echoLatencies(page, tile)
      const long = await page.evaluate(() => {
        const w = window as unknown as { fdLong: number[]; fdLongObserver: PerformanceObserver; fdLongStart: number }
        w.fdLongObserver.disconnect()
        return { tasks: w.fdLong, seconds: (performance.now() - w.fdLongStart) / 1_000 }
      })
      const sum = long.tasks.reduce((a, b) => a + b, 0)
      results.push({ longTasksPerSec: long.tasks.length / long.seconds, longTaskMsPerSec: sum / long.seconds, p95: p95(latencies), p50: median(latencies) })
      console.log(`grid round ${r}: ${long.tasks.length} long tasks in ${round(long.seconds)} s (${round(sum)} ms), echo p50 ${round(median(latencies))} ms p95 ${round(p95(latencies))} ms max ${round(Math.max(...latencies))} ms, load ${loadAverage()}`)
    }
    const perSec = median(results.map((r) => r.longTasksPerSec))
    const echoP95 = median(results.map((r) => r.p95))
    return [
      { name: `grid: main-thread long tasks, ${STREAMERS + 1} live sessions (${STREAMERS} streaming), 4 visible`, value: round(perSec, 2), unit: 'per s' },
      { name: 'grid: long-task time per second of wall time', value: round(median(results.map((r) => r.longTaskMsPerSec))), unit: 'ms/s' },
      { name: 'grid: input echo latency p50 (keydown -> echo in the rows)', value: round(median(results.map((r) => r.p50))), unit: 'ms' },
      { name: `grid: input echo latency p95, ${STREAMERS} sessions streaming`, value: round(echoP95), unit: 'ms', target: '< 30 ms', pass: echoP95 < 30 }
    ]
  } finally {
    await page.context().close()
    for (const r of [echo, ...streamers]) await deck.api.invoke('run.stop', { id: r.id }).catch(() => undefined)
  }
}

export default async function run(): Promise<BenchResult[]> {
  const deck = await startDeck()
  try {
    console.log(`load before: ${loadAverage()}`)
    const only = process.env.FD_BENCH_ONLY
    const results: BenchResult[] = []
    if (only !== 'grid') results.push(...(await throughput(deck)))
    if (only !== 'throughput') results.push(...(await liveGrid(deck)))
    console.log(`load after: ${loadAverage()}`)
    return results
  } finally {
    await deck.close()
  }
}

runIfMain(import.meta.url, run)
