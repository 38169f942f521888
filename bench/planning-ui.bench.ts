/**
 * Wireframe pan/zoom bench in Debian's Chromium: a real plan with 500 components, made by the real planning
 * API (clarify -> generate) of a real `flightdeck serve` against the scripted model server, shown in the
 * Plans view, then dragged and wheel-zoomed with real mouse input. Frame times are requestAnimationFrame
 * deltas. Baseline: bare React Flow (no app, default nodes) with the same 500 nodes, positions and edges.
 * Run: npm run build && npm run bench -- planning-ui   (the app is served from the build in out/)
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { build } from 'esbuild'
import { type Page, chromium } from 'playwright-core'
import { startModelServer } from '../test/fixtures/model-server/model-server'
import type { Turn } from '../test/fixtures/model-server/types'
import { clarifyTurn, extractTurn, requirementIds, promptOf } from '../test/fixtures/prds/planning-model'
import { shopPrd } from '../test/fixtures/prds/prds'
import { startServe } from '../test/fixtures/serve'
import { makeGitRepo, tempDir } from '../test/fixtures/temp'
import { connectWs } from '../test/fixtures/ws-client'
import { type BenchResult, runIfMain } from './bench-result'

const COMPONENTS = 500
const FRAME = 1000 / 60
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const types = ['ui', 'service', 'api', 'worker', 'database', 'queue', 'cache', 'storage', 'gateway', 'external', 'library']
const kinds = ['calls', 'reads', 'writes', 'publishes', 'subscribes', 'depends_on']

/** The scripted model's architecture: a spanning tree (fan-out 3) plus a cross link (from five back) on every tenth component. */
function bigArchitecture(): Turn {
  return (request) => {
    const ids = requirementIds(promptOf(request))
    const components = Array.from({ length: COMPONENTS }, (_, i) => ({
      id: `c-${i}`, name: `Component ${i}`, type: types[i % types.length], responsibility: `Owns capability ${i}`, requirement_ids: i === 0 ? ids : []
    }))
    const relationships = components.slice(1).flatMap((_, j) => {
      const i = j + 1
      const tree = { from: `c-${Math.floor((i - 1) / 3)}`, to: `c-${i}`, kind: kinds[i % kinds.length], description: 'tree' }
      return i % 10 === 0 ? [tree, { from: `c-${i - 5}`, to: `c-${i}`, kind: 'depends_on', description: 'cross' }] : [tree]
    })
    return {
      tool: 'submit_architecture',
      input: {
        architecture: { components, relationships, data_flows: [], data_stores: [], rationale: 'A large system for the bench.', tradeoffs: [] },
        assumptions: [],
        open_questions: []
      }
    }
  }
}

// A string, not a function: tsx would wrap named functions in a `__name` helper the page does not have.
const recorder = `(() => {
  window.frames_ = []
  window.stop_ = false
  let last = 0
  const tick = (now) => {
    window.frames_.push(now - last)
    last = now
    if (!window.stop_) requestAnimationFrame(tick)
  }
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick) })
})()`

/**
 * Drags the pane and zooms with the wheel at the centre of `selector` while a rAF loop records frame
 * deltas. Input goes through CDP (Input.dispatchMouseEvent), as a person's would through the browser.
 */
async function panZoom(page: Page, selector: string): Promise<number[]> {
  const box = await page.locator(selector).boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  await page.evaluate(recorder)
  const viewport = () => page.locator(`${selector} .react-flow__viewport`).evaluate((el) => (el as HTMLElement).style.transform)
  const before = await viewport()
  for (let round = 0; round < 3; round++) {
    // Pan: press on empty pane (top-left corner area of the flow), drag in 30 steps there and back.
    await page.mouse.move(box.x + 20, box.y + 20)
    await page.mouse.down()
    await page.mouse.move(box.x + 420, box.y + 260, { steps: 30 })
    // A drag that missed the pane would measure an idle page: the viewport must have moved.
    if (round === 0 && (await viewport()) === before) throw new Error('the drag did not pan the view')
    await page.mouse.move(box.x + 20, box.y + 20, { steps: 30 })
    await page.mouse.up()
    // Zoom in then out around the centre: 10 wheel notches each way.
    await page.mouse.move(cx, cy)
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -120)
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 120)
  }
  return page.evaluate(() => {
    const w = window as unknown as { frames_: number[]; stop_: boolean }
    w.stop_ = true
    return w.frames_.slice(1)
  })
}

function stats(frames: number[]) {
  const sorted = [...frames].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN
  // A delta of k frame intervals means k - 1 frames were not produced in time.
  const dropped = frames.reduce((n, d) => n + Math.max(0, Math.round(d / FRAME) - 1), 0)
  return { p50: at(0.5), p95: at(0.95), dropped, frames: frames.length }
}

/** The baseline page: React Flow alone, bundled with esbuild from the same node_modules, served on loopback. */
async function barePage(graph: { nodes: { id: string; x: number; y: number }[]; edges: { id: string; source: string; target: string }[] }) {
  const entry = `
    import React from 'react'
    import { createRoot } from 'react-dom/client'
    import { ReactFlow, Background, Controls, MiniMap } from '@xyflow/react'
    import '@xyflow/react/dist/style.css'
    const g = ${JSON.stringify(graph)}
    const nodes = g.nodes.map((n) => ({ id: n.id, position: { x: n.x, y: n.y }, data: { label: n.id }, style: { width: 190, height: 64 } }))
    const edges = g.edges
    createRoot(document.getElementById('root')).render(
      React.createElement('div', { style: { width: '100vw', height: '100vh' }, id: 'flow' },
        React.createElement(ReactFlow, { nodes, edges, fitView: true, minZoom: 0.05, proOptions: { hideAttribution: true } },
          React.createElement(Background, { gap: 16 }), React.createElement(Controls), React.createElement(MiniMap, { pannable: true, zoomable: true }))))
  `
  const out = await build({
    stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'jsx' },
    bundle: true, write: false, outdir: 'bare', format: 'esm', minify: true, define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent'
  })
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? ''
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? ''
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css} html,body{margin:0}</style></head><body><div id="root"></div><script type="module" src="/bare.js"></script></body></html>`
  const server = http.createServer((req, res) => {
    if (req.url === '/bare.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((r) => server.close(() => r())) }
}

export default async function run(): Promise<BenchResult[]> {
  const tmp = tempDir('fd-bench-plan-ui-')
  const model = await startModelServer({ scenario: [clarifyTurn, extractTurn(), bigArchitecture()] })
  const serve = await startServe(path.join(tmp.dir, 'home'))
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: flags })
  let bare: Awaited<ReturnType<typeof barePage>> | undefined
  try {
    const api = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
    await api.invoke('settings.update', { patch: { model: { name: 'claude-bench', baseUrl: model.url, maxTokens: 4096 } } })
    await api.invoke('secret.trustHost', { origin: new URL(model.url).origin })
    await api.invoke('secret.set', { name: 'anthropic.apiKey', value: 'sk-bench' })
    const repo = await api.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'big')) })
    const plan = await api.invoke('plan.create', { prdText: shopPrd, target: { kind: 'existing', repoId: repo.id } })
    await api.invoke('plan.clarify', { id: plan.id })
    const { pack } = await api.invoke('plan.generate', { id: plan.id })
    api.close()
    if (pack.architecture.components.length !== COMPONENTS) throw new Error(`pack has ${pack.architecture.components.length} components`)

    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await page.goto(serve.url)
    await page.getByRole('button', { name: 'Plans' }).click()
    await page.getByTestId('plan-list').getByRole('button').first().click()
    const started = performance.now()
    await page.locator(`[data-testid="wireframe"][data-nodes="${COMPONENTS}"] .react-flow__node`).nth(COMPONENTS - 1).waitFor({ state: 'attached', timeout: 120_000 })
    const shown = performance.now() - started
    await page.waitForTimeout(1_000) // fitView and the minimap settle
    const app = stats(await panZoom(page, '[data-testid="wireframe"] .react-flow'))

    // The same positions the app's layout produced (read from the rendered nodes' transforms).
    const nodes = await page.$$eval('[data-testid="wireframe"] .react-flow__node', (els) => els.map((el) => {
      const m = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec((el as HTMLElement).style.transform)
      return { id: el.getAttribute('data-id') ?? '', x: Number(m?.[1] ?? 0), y: Number(m?.[2] ?? 0) }
    }))
    const edges = pack.architecture.relationships.map((r) => ({ id: `${r.from}>${r.to}`, source: r.from, target: r.to }))
    bare = await barePage({ nodes, edges })
    const basePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
    await basePage.goto(bare.url)
    await basePage.locator('.react-flow__node').nth(COMPONENTS - 1).waitFor({ state: 'attached', timeout: 60_000 })
    await basePage.waitForTimeout(1_000)
    const base = stats(await panZoom(basePage, '#flow .react-flow'))

    const r1 = (x: number) => Math.round(x * 10) / 10
    console.log(`frames recorded: app ${app.frames}, bare ${base.frames}`)
    return [
      { name: `wireframe: ${COMPONENTS} components, plan selected -> all nodes rendered (elk in worker)`, value: Math.round(shown), unit: 'ms' },
      { name: `wireframe: pan/zoom frame time p50, ${COMPONENTS} nodes`, value: r1(app.p50), unit: 'ms', baseline: r1(base.p50), ratio: +(base.p50 / app.p50).toFixed(2) },
      { name: `wireframe: pan/zoom frame time p95, ${COMPONENTS} nodes`, value: r1(app.p95), unit: 'ms', baseline: r1(base.p95), ratio: +(base.p95 / app.p95).toFixed(2), target: 'within 10% of bare React Flow (same graph, same browser)', pass: app.p95 <= base.p95 * 1.1 },
      { name: `wireframe: dropped frames during pan/zoom, ${COMPONENTS} nodes`, value: app.dropped, unit: 'frames', baseline: base.dropped }
    ]
  } finally {
    await browser.close()
    await bare?.close()
    await serve.stop()
    await model.close()
    tmp.cleanup()
  }
}

runIfMain(import.meta.url, run)
