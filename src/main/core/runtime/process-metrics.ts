import fs from 'node:fs'
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'
import type { SystemMetrics } from '../../../shared/contract'

const RESOLUTION_MS = 10

/**
 * This process's vital signs for soak tests and diagnostics: memory, open file descriptors, the SQLite WAL's
 * size, and the event loop's lag since the last reading (a 10 ms timer's delay beyond its interval, reset on read).
 */
export class ProcessMetrics {
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })

  constructor(private readonly dbPath: string) {
    this.loop.enable()
  }

  read(): SystemMetrics {
    const memory = process.memoryUsage()
    // The histogram holds each timer's whole interval; the lag is what exceeds the timer's own resolution.
    const ms = (ns: number) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 100) / 100)
    const metrics: SystemMetrics = {
      pid: process.pid,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      openFds: countFds(),
      walBytes: fileSize(`${this.dbPath}-wal`),
      eventLoop: { p50Ms: ms(this.loop.percentile(50)), p99Ms: ms(this.loop.percentile(99)), maxMs: ms(this.loop.max), samples: this.loop.count }
    }
    this.loop.reset()
    return metrics
  }

  close(): void {
    this.loop.disable()
  }
}

function countFds(): number | null {
  try {
    return fs.readdirSync('/proc/self/fd').length
  } catch {
    return null // not Linux: no /proc
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size
  } catch {
    return 0
  }
}
