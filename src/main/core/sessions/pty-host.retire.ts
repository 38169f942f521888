import { readdirSync, readFileSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { isAlive } from './pty.adapter'
import { tryConnectInfoFile } from './pty-host.connect'
import { ptyHostInfoFile, ptyHostPaths, type HostMessage, type PtyHostInfo, type SessionInfo } from './pty-host.protocol'

export interface HostRecord {
  file: string
  info: PtyHostInfo
  /** This build's host, the one new sessions go to. */
  current: boolean
  alive: boolean
}

/** Every pty host a home has a record of: this build's and those of older (or newer) builds. */
export function listPtyHosts(home: string): HostRecord[] {
  let names: string[]
  try {
    names = readdirSync(home).filter((n) => ptyHostInfoFile.test(n))
  } catch {
    return []
  }
  const current = ptyHostPaths(home).info
  return names.flatMap((name) => {
    const file = join(home, name)
    try {
      const info = JSON.parse(readFileSync(file, 'utf8')) as PtyHostInfo
      return [{ file, info, current: file === current, alive: isAlive(info.pid) }]
    } catch {
      return [] // being written, or not ours
    }
  })
}

/**
 * Hosts of other builds keep serving the agents they started (an update never kills running agents);
 * once such a host has no live session it is shut down. Builds that exit on their own idle timer need
 * this only for speed; builds without one (before the timer existed) would otherwise live forever.
 * A record whose process is gone is removed with its socket.
 */
export async function retireIdleHosts(home: string): Promise<Array<{ build: string; action: 'kept' | 'retired' | 'removed' }>> {
  const report: Array<{ build: string; action: 'kept' | 'retired' | 'removed' }> = []
  for (const host of listPtyHosts(home)) {
    if (host.current) continue
    const build = host.info.build ?? 'unversioned'
    if (!host.alive) {
      for (const f of [host.file, host.info.socket]) {
        try {
          unlinkSync(f)
        } catch {
          // already gone
        }
      }
      report.push({ build, action: 'removed' })
      continue
    }
    const conn = await tryConnectInfoFile(host.file)
    if (!conn) {
      report.push({ build, action: 'kept' }) // another protocol: it exits on its own idle timer
      continue
    }
    const answers = new Map<number, unknown>()
    const ask = (op: 'list' | 'shutdown', rid: number) =>
      new Promise<unknown>((resolve) => {
        conn.socket.once('close', () => resolve(null))
        setTimeout(() => resolve(null), 3_000).unref()
        conn.onMessage = (msg: HostMessage) => {
          if (msg.t === 'res') answers.set(msg.rid, msg.ok ? msg.result : null)
          if (answers.has(rid)) resolve(answers.get(rid))
        }
        conn.socket.write(JSON.stringify({ op, rid }) + '\n')
      })
    const sessions = (await ask('list', 1)) as SessionInfo[] | null
    if (!sessions || sessions.some((s) => s.exit === null)) report.push({ build, action: 'kept' })
    else {
      await ask('shutdown', 2)
      report.push({ build, action: 'retired' })
    }
    conn.socket.destroy()
  }
  return report
}
