import { execFileSync } from 'node:child_process'
import fs from 'node:fs'

/** One reading of everything the soak watches, `t` in seconds since the soak began. */
export interface Sample {
  t: number
  coreRss: number
  coreFds: number | null
  walBytes: number
  /** Event-loop delay of the core since the previous sample. */
  loopP99Ms: number
  ptyHostRss: number
  ptyHostFds: number | null
  /** Chromium's renderer processes (summed) and the page's JS heap; 0 without a browser. */
  rendererRss: number
  rendererHeap: number
  runsLive: number
}

export function procRss(pid: number): number {
  try {
    const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))
    return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024
  } catch {
    return 0
  }
}

export function procFds(pid: number): number | null {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).length
  } catch {
    return null
  }
}

/** Chromium's renderer processes under a browser pid (`--type=renderer` in their command line). */
export function rendererPids(browserPid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
  const rows = out.split('\n').map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null)
  const tree = new Set([browserPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const [, pid, ppid] of rows) if (tree.has(Number(ppid)) && !tree.has(Number(pid))) (tree.add(Number(pid)), (grew = true))
  }
  return rows.filter(([, pid, , args]) => tree.has(Number(pid)) && args!.includes('--type=renderer')).map(([, pid]) => Number(pid))
}

/** Least-squares slope of y over t (units per second); 0 with fewer than two points. */
export function slope(points: { t: number; y: number }[]): number {
  const n = points.length
  if (n < 2) return 0
  const mt = points.reduce((s, p) => s + p.t, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.y - my), 0)
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0)
  return den === 0 ? 0 : num / den
}

/**
 * Growth of one series after warm-up (the first quarter is left out: caches fill, the JIT settles): the fitted
 * rise across the measured window, and whether it stays within `allowed` (bounded) — memory that levels off
 * passes, memory that climbs steadily across the window fails.
 */
export function growth(samples: Sample[], pick: (s: Sample) => number | null, allowed: number): { perHour: number; rise: number; allowed: number; bounded: boolean } {
  const window = samples.slice(Math.floor(samples.length / 4))
  const points = window.flatMap((s) => (pick(s) === null ? [] : [{ t: s.t, y: pick(s)! }]))
  const perSecond = slope(points)
  const span = points.length > 1 ? points.at(-1)!.t - points[0]!.t : 0
  const rise = perSecond * span
  return { perHour: Math.round(perSecond * 3_600), rise: Math.round(rise), allowed, bounded: rise <= allowed }
}
