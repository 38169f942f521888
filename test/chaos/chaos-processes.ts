import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'

const bin = path.resolve(import.meta.dirname, '..', '..', 'bin', 'flightdeck.js')
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Running, not a zombie: a dead child whose new parent (here the container's pid 1) never reaps it is gone. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

export function children(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map((l) => Number(l.trim())).filter((n) => n > 0)
  } catch {
    return []
  }
}

/** Every process below `pid`, deepest first (so a kill reaches a command before the shell that waits on it). */
export function descendants(pid: number): number[] {
  return children(pid).flatMap((c) => [...descendants(c), c])
}

/** kill -9 each pid still alive; how many it reached. */
export function killAll(pids: number[]): number {
  let n = 0
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
      n++
    } catch {
      // already gone
    }
  }
  return n
}

export function eventIds(home: string): string[] {
  const db = new SqliteDatabase(path.join(home, 'flightdeck.db'), { readonly: true })
  try {
    return (db.prepare('SELECT id FROM events ORDER BY seq').all() as { id: string }[]).map((r) => r.id)
  } finally {
    db.close()
  }
}

/** The built CLI as its own process against a data folder; the caller kills it or waits for it. */
export function spawnCli(home: string, args: string[]): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, FLIGHTDECK_HOME: home }, stdio: 'ignore' })
  const done = new Promise<number | null>((resolve) => {
    child.once('error', () => resolve(null))
    child.once('exit', (code) => resolve(code))
  })
  return { child, done }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

/** `pid ppid command` of each pid still alive, for a report. */
export function describeProcesses(pids: number[]): string {
  if (pids.length === 0) return ''
  try {
    return execFileSync('ps', ['-o', 'pid=,ppid=,args=', '-p', pids.join(',')], { encoding: 'utf8' }).trim().split('\n').map((l) => l.trim().replace(/\s+/g, ' ').slice(0, 160)).join('; ')
  } catch {
    return pids.join(', ')
  }
}
