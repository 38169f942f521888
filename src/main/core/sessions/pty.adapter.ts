import { closeSync, constants, openSync, readdirSync, readFileSync } from 'node:fs'
import * as nodePty from 'node-pty'

/** What the sessions code needs from a pty; the only file that imports node-pty. */
export interface PtyProcess {
  readonly pid: number
  onData(cb: (data: string) => void): () => void
  /** Fires once, after the output has been drained (see spawnPty). */
  onExit(cb: (exit: PtyExit) => void): () => void
  write(data: string): void
  resize(cols: number, rows: number): void
  /** Signals the whole session of the child (its process group and any group it created). */
  kill(signal?: NodeJS.Signals): void
  pause(): void
  resume(): void
}

export interface PtyExit {
  code: number
  signal: number | null
}

export interface PtySpawnOptions {
  cwd: string
  env: Record<string, string>
  cols: number
  rows: number
}

/** While paused we cannot see the exit; poll so the tail is read before node-pty drops the socket. */
const PAUSED_LIVENESS_POLL_MS = 40

export function spawnPty(file: string, args: readonly string[], opts: PtySpawnOptions): PtyProcess {
  const pty = nodePty.spawn(file, [...args], {
    name: opts.env.TERM ?? 'xterm-256color',
    cwd: opts.cwd,
    env: opts.env,
    cols: opts.cols,
    rows: opts.rows
  })
  // Linux returns EIO on the master as soon as the last slave fd closes, discarding what the
  // child wrote just before exiting (node-pty #726/#85: 48 of 50 `seq 2000` runs lost their tail
  // here). Holding a slave fd ourselves keeps the master readable until node-pty's own
  // exit->close timer (200 ms after the child is reaped) ends the stream, so the tail is read.
  // O_NOCTTY: the host is a session leader without a terminal and must not acquire this one.
  // ptsName is public on node-pty's UnixTerminal but missing from its IPty typings.
  let slaveFd: number | null = openSlave((pty as nodePty.IPty & { ptsName: string }).ptsName)
  let pollTimer: NodeJS.Timeout | undefined
  const exitListeners = new Set<(exit: PtyExit) => void>()

  pty.onExit(({ exitCode, signal }) => {
    clearInterval(pollTimer)
    if (slaveFd !== null) closeSync(slaveFd)
    slaveFd = null
    // node-pty reports signal 0 for a normal exit
    for (const cb of exitListeners) cb({ code: exitCode, signal: signal ? signal : null })
  })

  return {
    pid: pty.pid,
    onData(cb) {
      const d = pty.onData(cb)
      return () => d.dispose()
    },
    onExit(cb) {
      exitListeners.add(cb)
      return () => exitListeners.delete(cb)
    },
    write: (data) => pty.write(data),
    resize: (cols, rows) => pty.resize(cols, rows),
    kill: (signal = 'SIGHUP') => killSession(pty.pid, signal),
    pause() {
      pty.pause()
      clearInterval(pollTimer)
      pollTimer = setInterval(() => {
        if (!isAlive(pty.pid)) {
          clearInterval(pollTimer)
          pty.resume()
        }
      }, PAUSED_LIVENESS_POLL_MS)
    },
    resume() {
      clearInterval(pollTimer)
      pty.resume()
    }
  }
}

function openSlave(ptsName: string): number | null {
  try {
    return openSync(ptsName, constants.O_RDWR | constants.O_NOCTTY)
  } catch {
    return null // the child already exited and the pts is gone: nothing left to protect
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * node-pty makes the child a session leader, so -pid is its process group. Interactive shells put
 * jobs in groups of their own; on Linux we also signal every process of the session (sid == pid).
 */
export function killSession(pid: number, signal: NodeJS.Signals): void {
  const targets = new Set<number>([-pid])
  for (const member of sessionMembers(pid)) targets.add(member)
  for (const target of targets) {
    try {
      process.kill(target, signal)
    } catch {
      // already gone
    }
  }
}

function sessionMembers(sid: number): number[] {
  if (process.platform !== 'linux') return []
  const members: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the ")" of the command name: state ppid pgrp session ...
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(fields[3]) === sid) members.push(Number(entry))
    } catch {
      // exited while we looked
    }
  }
  return members
}
