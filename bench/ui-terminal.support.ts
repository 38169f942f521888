/** Shared parts of bench/ui-terminal.bench.ts: the browser, the seeded serve, the bare page's static server. */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { ptyHostPids, startServe, type ServeProcess } from '../test/fixtures/serve'
import { makeGitRepo, tempDir } from '../test/fixtures/temp'
import { connectWs, type WsTestClient } from '../test/fixtures/ws-client'

const root = path.resolve(import.meta.dirname, '..')
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
export const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? Number.NaN
export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits
export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100

/** CPU seconds (user + system, all threads) a process has used so far; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
  } catch {
    return 0
  }
}

/** The processes below `root` (from /proc's parent links). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = []
  const walk = (pid: number) => (children.get(pid) ?? []).forEach((c) => (out.push(c), walk(c)))
  walk(root)
  return out
}

/** CPU seconds so far of the parts a terminal byte crosses: the pty host, `serve`, and every Chromium process. */
export function cpuByPart(deck: Deck): { host: number; serve: number; chromium: number } {
  const [hostPid = 0] = ptyHostPids(deck.home)
  const chromium = descendants(process.pid).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium')
    } catch {
      return false
    }
  })
  return { host: cpuSeconds(hostPid), serve: cpuSeconds(deck.serve.child.pid ?? 0), chromium: chromium.reduce((sum, pid) => sum + cpuSeconds(pid), 0) }
}

export interface Deck {
  home: string
  tmp: ReturnType<typeof tempDir>
  serve: ServeProcess
  api: WsTestClient
  repoId: string
  browser: Browser
  close(): Promise<void>
}

/** A real `flightdeck serve` on a temp home with caps raised to 20 sessions, one repo, and Debian's Chromium. */
export async function startDeck(): Promise<Deck> {
  const tmp = tempDir('fd-bench-uiterm-')
  const home = path.join(tmp.dir, 'home')
  const serve = await startServe(home)
  const api = await connectWs(`${serve.origin.replace('http', 'ws')}/api/ws?token=${new URL(serve.url).searchParams.get('token')}`)
  const policy = JSON.stringify({ concurrency: { global: 20, perRepo: 20 } })
  const repo = await api.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'deck'), { 'README.md': '# deck\n', '.flightdeck/policy.json': policy }) })
  await api.invoke('settings.update', { patch: { concurrency: { global: 20 } } })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: flags })
  return {
    home,
    tmp,
    serve,
    api,
    repoId: repo.id,
    browser,
    async close() {
      await browser.close()
      api.close()
      await serve.stop()
      tmp.cleanup()
    }
  }
}

/** A fresh page of the app at the bench's viewport. */
export async function appPage(deck: Deck): Promise<Page> {
  const page = await (await deck.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage()
  await page.goto(deck.serve.url)
  await page.getByTestId('connection').and(page.locator('[data-state=open]')).waitFor()
  return page
}

/** Loopback server for the bare xterm page: the page, xterm's own build, and the bytes to write. */
export async function startBareServer(bytes: string): Promise<{ url: string; close(): Promise<void> }> {
  const files: Record<string, [string, string]> = {
    '/': [path.join(root, 'test/e2e/bench-pages/xterm-bare.html'), 'text/html'],
    '/xterm.js': [path.join(root, 'node_modules/@xterm/xterm/lib/xterm.js'), 'text/javascript'],
    '/xterm.css': [path.join(root, 'node_modules/@xterm/xterm/css/xterm.css'), 'text/css'],
    '/addon-webgl.js': [path.join(root, 'node_modules/@xterm/addon-webgl/lib/addon-webgl.js'), 'text/javascript']
  }
  const server = http.createServer((req, res) => {
    if (req.url === '/bytes') return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(bytes)
    const file = files[req.url ?? '']
    if (!file) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': file[1] }).end(fs.readFileSync(file[0]))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
