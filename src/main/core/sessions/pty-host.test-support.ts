import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { isAlive } from './pty.adapter'
import type { PtyHostCommand } from './pty-host.client'
import { ptyHostPaths, type PtyHostInfo } from './pty-host.protocol'
import { SessionManager, type SessionManagerOptions } from './session-manager'

/** Shared by the sessions tests and the bench: real host processes, real ptys. */
export const repoRoot = resolve(import.meta.dirname, '../../../..')

export const testHostCommand: PtyHostCommand = {
  execPath: process.execPath,
  args: ['--import', 'tsx', 'src/main/pty-host.ts'],
  cwd: repoRoot
}

/** Short paths: unix socket paths are limited to ~107 bytes. */
export function makeHome(): string {
  return mkdtempSync(join(tmpdir(), 'fd-pty-'))
}

export function connectManager(home: string, extra: Partial<SessionManagerOptions> = {}): Promise<SessionManager> {
  return SessionManager.connect({ home, hostCommand: testHostCommand, ...extra })
}

export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(20)
  }
}

export function readHostPid(home: string): number | null {
  try {
    return (JSON.parse(readFileSync(ptyHostPaths(home).info, 'utf8')) as PtyHostInfo).pid
  } catch {
    return null
  }
}

/**
 * Tears a test host down whatever state it is in, then checks nothing it started survives:
 * polite shutdown first, SIGKILL if it does not go, and the given pids must be gone too.
 */
export async function destroyHost(home: string, manager: SessionManager | null, pids: number[] = []): Promise<void> {
  const hostPid = manager?.hostPid ?? readHostPid(home)
  if (manager) {
    await Promise.race([manager.shutdownHost().catch(() => {}), sleep(3_000)])
    manager.close()
  }
  if (hostPid !== null) {
    await waitFor(() => !isAlive(hostPid), 5_000, 'host exit').catch(() => process.kill(hostPid, 'SIGKILL'))
    await waitFor(() => !isAlive(hostPid), 5_000, `host ${hostPid} to die`)
  }
  rmSync(home, { recursive: true, force: true })
  await waitFor(() => !pids.some(isAlive), 3_000, 'session processes to die').catch(() => {})
  const leaked = pids.filter(isAlive)
  for (const pid of leaked) process.kill(pid, 'SIGKILL')
  if (leaked.length) throw new Error(`leaked processes: ${leaked.join(', ')}`)
}

/** Collects a session's output from a manager; the promise resolves on its exit event. */
export function collect(manager: SessionManager, id: string) {
  let out = ''
  let resolveExit!: (e: { code: number; signal: number | null; output: string }) => void
  const exited = new Promise<{ code: number; signal: number | null; output: string }>((r) => (resolveExit = r))
  const offData = manager.onData((e) => {
    if (e.id === id) out += e.data
  })
  const offExit = manager.onExit((e) => {
    if (e.id !== id) return
    offData()
    offExit()
    resolveExit({ code: e.code, signal: e.signal, output: out })
  })
  return { exited, output: () => out, dispose: () => (offData(), offExit()) }
}
