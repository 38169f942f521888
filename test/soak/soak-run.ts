import path from 'node:path'
import { type CDPSession, chromium } from 'playwright-core'
import type { Run } from '../../src/shared/domain'
import { ptyHostPids, type ServeProcess, startServe } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'
import { growth, procFds, procRss, rendererPids, type Sample } from './soak-metrics'

export interface SoakOptions {
  /** Agents working at once (each slot starts a new run when its last one landed). */
  agents: number
  durationMs: number
  sampleMs: number
  /** Seconds of output each agent prints (a line every 100 ms) before it asks its question. */
  talkSeconds: number
  browser: boolean
}

export interface SoakReport {
  options: SoakOptions
  wallSeconds: number
  /** Runs taken through the whole loop: started, questioned, answered, validated, landed, cleaned up. */
  cycles: number
  questionsAnswered: number
  problems: string[]
  /** The worst event-loop lag p99 of the core over the samples after warm-up, and whether it met the 20 ms target. */
  loopP99MaxMs: number
  loopTargetMet: boolean
  growth: Record<string, ReturnType<typeof growth>>
  samples: Sample[]
}

const MiB = 1024 * 1024
export const LOOP_TARGET_MS = 20
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A shell agent that talks, asks through the signal file, waits for the answer, commits and exits. */
function agentScript(talkSeconds: number): string[] {
  const lines = Math.max(1, Math.round(talkSeconds * 10))
  return ['sh', '-c', [
    `i=0; while [ $i -lt ${lines} ]; do echo "soak line $i of $FLIGHTDECK_RUN_ID: the quick brown fox jumps over the lazy dog"; i=$((i+1)); sleep 0.1; done`,
    `mkdir -p .flightdeck && printf '{"question":"Which colour for %s?","options":["red","blue"]}' "$FLIGHTDECK_RUN_ID" > .flightdeck/guidance-request.json`,
    'while [ ! -f .flightdeck/guidance-response.json ]; do sleep 0.2; done',
    'echo "answered: $(cat .flightdeck/guidance-response.json)"',
    'echo "$FLIGHTDECK_RUN_ID" > "soak-$FLIGHTDECK_RUN_ID.txt" && git add "soak-$FLIGHTDECK_RUN_ID.txt" && git commit -qm "soak $FLIGHTDECK_RUN_ID"'
  ].join('\n')]
}

/**
 * The soak: `agents` shell agents under the built `flightdeck serve`, each run taken round the whole loop
 * (started, talking, asking, answered, validated, landed through the queue, cleaned up) and replaced, for `durationMs`;
 * the core (its own metrics), the pty host and Chromium's renderer are sampled every `sampleMs`.
 */
export async function soak(options: SoakOptions): Promise<SoakReport> {
  const tmp = tempDir('fd-soak-')
  const home = path.join(tmp.dir, 'home')
  const report: SoakReport = { options, wallSeconds: 0, cycles: 0, questionsAnswered: 0, problems: [], loopP99MaxMs: 0, loopTargetMet: false, growth: {}, samples: [] }
  let serve: ServeProcess | undefined
  let client: WsTestClient | undefined
  // A browser server, so its process (and its renderers) can be measured; the page connects through it.
  const server = options.browser ? await chromium.launchServer({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }) : undefined
  const browser = server ? await chromium.connect(server.wsEndpoint()) : undefined
  const started = Date.now()
  try {
    serve = await startServe(home)
    client = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
    const c = client
    await c.invoke('settings.update', { patch: { concurrency: { global: options.agents } } })
    const repoCount = Math.max(1, Math.ceil(options.agents / 10))
    const policy = { concurrency: { global: options.agents, perRepo: Math.ceil(options.agents / repoCount) } }
    const repos = await Promise.all(Array.from({ length: repoCount }, (_, i) => c.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, `app-${i}`), { '.flightdeck/policy.json': JSON.stringify(policy) }) })))
    let n = 0
    const startOne = async () => {
      const repo = repos[n++ % repos.length]!
      const issue = await c.invoke('issue.create', { repoId: repo.id, title: `soak ${n}` })
      await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agentScript(options.talkSeconds) })
    }
    for (let i = 0; i < options.agents; i++) await startOne()

    const page = browser ? await browser.newPage() : undefined
    const cdp = page ? await page.context().newCDPSession(page) : undefined
    if (page) await page.goto(serve.url)
    await c.invoke('system.metrics', {}) // start the event-loop window now

    // The runs as the renderer knows them: one list, then the events (the driver must not load the core itself).
    const known = new Map<string, Run>()
    c.subscribe((event) => {
      if (event.topic === 'run.created' || event.topic === 'run.updated') {
        const { run } = event.payload as { run: Run }
        known.set(run.id, run)
      }
    })
    for (const run of await c.invoke('run.list', { limit: 20_000 })) if (!known.has(run.id)) known.set(run.id, run)

    let nextSample = Date.now() + options.sampleMs
    const handled = new Set<string>()
    while (Date.now() - started < options.durationMs) {
      const runs = [...known.values()].filter((r) => !handled.has(r.id))
      for (const run of runs) await settle(c, run, handled, report, () => Date.now() - started < options.durationMs - 5_000 ? startOne() : Promise.resolve())
      if (Date.now() >= nextSample) {
        nextSample += options.sampleMs
        report.samples.push(await sample(c, home, server?.process().pid, cdp, started, runs))
      }
      await sleep(250)
    }
  } catch (error) {
    report.problems.push(`soak error: ${(error as Error).stack ?? error}`)
  } finally {
    report.wallSeconds = Math.round((Date.now() - started) / 1_000)
    client?.close()
    await browser?.close()
    await server?.close()
    await serve?.stop()
    tmp.cleanup()
  }
  const s = report.samples
  // After warm-up, like the growth: the first readings include the lazy loading of code paths used once.
  report.loopP99MaxMs = Math.max(0, ...s.slice(Math.floor(s.length / 4)).map((x) => x.loopP99Ms))
  report.loopTargetMet = report.loopP99MaxMs < LOOP_TARGET_MS
  report.growth = {
    coreRss: growth(s, (x) => x.coreRss, 48 * MiB),
    coreFds: growth(s, (x) => x.coreFds, 24),
    walBytes: growth(s, (x) => x.walBytes, 16 * MiB),
    ptyHostRss: growth(s, (x) => x.ptyHostRss, 48 * MiB),
    ptyHostFds: growth(s, (x) => x.ptyHostFds, 24),
    ...(options.browser ? { rendererRss: growth(s, (x) => x.rendererRss, 64 * MiB), rendererHeap: growth(s, (x) => x.rendererHeap, 32 * MiB) } : {})
  }
  return report
}

const queued = new Set<string>()

/** One pass over a run: answer its question, queue its finished work to land, clean up what landed, note what went wrong. */
async function settle(c: WsTestClient, run: Run, handled: Set<string>, report: SoakReport, refill: () => Promise<void>): Promise<void> {
  if (handled.has(run.id)) return
  if (run.state === 'waiting') {
    for (const thread of await c.invoke('forum.list', { runId: run.id })) {
      if (thread.state === 'answered' || thread.state === 'closed') continue
      await c.invoke('forum.answer', { threadId: thread.id, text: 'blue' })
      report.questionsAnswered++
    }
  } else if (run.state === 'ready_to_merge' && !queued.has(run.id)) {
    // Parallel work lands through the queue: rebased onto the base, validated again, merged in turn.
    queued.add(run.id)
    await c.invoke('landing.enqueue', { runId: run.id })
  } else if (run.state === 'merged') {
    handled.add(run.id)
    await c.invoke('run.cleanup', { id: run.id, keepBranch: false })
    report.cycles++
    await refill()
  } else if (run.state === 'failed' || run.state === 'lost' || run.state === 'stopped') {
    handled.add(run.id)
    report.problems.push(`run ${run.id} ended ${run.state}: ${run.detail ?? 'no detail'}`)
    await c.invoke('run.cleanup', { id: run.id, keepBranch: false, force: true }).catch(() => undefined)
    await refill()
  }
}

async function sample(c: WsTestClient, home: string, browserPid: number | undefined, cdp: CDPSession | undefined, started: number, runs: Run[]): Promise<Sample> {
  const core = await c.invoke('system.metrics', {})
  const host = ptyHostPids(home)[0]
  let rendererHeap = 0
  if (cdp) {
    await cdp.send('Performance.enable')
    rendererHeap = (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
  }
  return {
    t: Math.round((Date.now() - started) / 100) / 10,
    coreRss: core.rssBytes,
    coreFds: core.openFds,
    walBytes: core.walBytes,
    loopP99Ms: core.eventLoop.p99Ms,
    ptyHostRss: host ? procRss(host) : 0,
    ptyHostFds: host ? procFds(host) : null,
    rendererRss: browserPid ? rendererPids(browserPid).reduce((sum, pid) => sum + procRss(pid), 0) : 0,
    rendererHeap,
    runsLive: runs.filter((r) => !['merged', 'failed', 'stopped', 'lost'].includes(r.state)).length
  }
}
