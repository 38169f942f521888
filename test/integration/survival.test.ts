import { type ChildProcess, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type ServeProcess, ptyHostPids, startServe, stopPtyHost } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'

/** A long-running "agent": leaves uncommitted work and prints a counter until stopped. */
const agent = ['sh', '-c', 'echo started > work-in-progress.txt; i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done']

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function eventIds(home: string): string[] {
  const db = new SqliteDatabase(path.join(home, 'flightdeck.db'), { readonly: true })
  try {
    return (db.prepare('SELECT id FROM events ORDER BY seq').all() as { id: string }[]).map((r) => r.id)
  } finally {
    db.close()
  }
}

function agentPids(home: string): number[] {
  // The pty host is the parent of every agent; its children are the sessions' shells.
  const [pid] = ptyHostPids(home)
  return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)
}

describe('sessions outlive the core', () => {
  let tmp: ReturnType<typeof tempDir>
  let serve: ServeProcess | undefined
  let client: WsTestClient | undefined
  afterEach(async () => {
    client?.close()
    await serve?.stop()
    tmp.cleanup()
  })

  async function connect(s: ServeProcess): Promise<WsTestClient> {
    return connectWs(`${s.origin.replace('http', 'ws')}/api/ws?token=${new URL(s.url).searchParams.get('token')}`)
  }

  async function waitFor(c: WsTestClient, id: string, state: Run['state']): Promise<Run> {
    let run: Run | undefined
    await expect.poll(async () => (run = await c.invoke('run.get', { id })).state, { timeout: 30_000 }).toBe(state)
    return run as Run
  }

  it('kill -9 of the core during 5 runs: agents keep running, reattach with scrollback, nothing committed is lost', async () => {
    tmp = tempDir('fd-survive-')
    const home = path.join(tmp.dir, 'home')
    serve = await startServe(home)
    client = await connect(serve)
    const policy = JSON.stringify({ concurrency: { global: 8, perRepo: 5 } })
    const repo = await client.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'app'), { '.flightdeck/policy.json': policy }) })
    await client.invoke('settings.update', { patch: { concurrency: { global: 8 } } })
    const runs: Run[] = []
    for (let i = 0; i < 5; i++) {
      const issue = await client.invoke('issue.create', { repoId: repo.id, title: `long job ${i}` })
      runs.push(await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent }))
    }
    for (const run of runs) await waitFor(client, run.id, 'running')
    const before = await Promise.all(runs.map((r) => client!.invoke('run.get', { id: r.id })))
    await expect.poll(() => agentPids(home).length, { timeout: 15_000 }).toBe(5)
    const pids = agentPids(home)
    const committed = eventIds(home)

    client.close()
    ;(serve.child as ChildProcess).kill('SIGKILL')
    await new Promise((r) => serve!.child.once('exit', r))
    await new Promise((r) => setTimeout(r, 1_000))
    expect(pids.every(alive)).toBe(true)

    serve = await startServe(home)
    client = await connect(serve)
    expect(eventIds(home).slice(0, committed.length)).toEqual(committed)
    for (const run of before) {
      const after = await client.invoke('run.get', { id: run.id })
      expect(after.state).toBe('running')
      expect(fs.readFileSync(path.join(after.worktreePath as string, 'work-in-progress.txt'), 'utf8')).toBe('started\n')
      const screen = await client.invoke('terminal.open', { runId: run.id })
      expect(screen.live).toBe(true)
      expect(screen.scrollback).toMatch(/tick \d+/)
      const seen: string[] = []
      const unwatch = client.watch('terminal', run.id, (m) => 'data' in m && seen.push(m.data))
      await expect.poll(() => seen.join(''), { timeout: 10_000 }).toMatch(/tick \d+/)
      unwatch()
    }
    expect(agentPids(home).sort()).toEqual([...pids].sort())
  }, 120_000)

  it('kill -9 of the pty host: runs become lost, keep their worktree and history, and can be resumed', async () => {
    tmp = tempDir('fd-hostkill-')
    const home = path.join(tmp.dir, 'home')
    serve = await startServe(home)
    client = await connect(serve)
    const repo = await client.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'app')) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'long job' })
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: agent })
    const running = await waitFor(client, run.id, 'running')
    // The host persists history every few seconds; kill it only once some of it is on disk.
    const persisted = path.join(home, 'scrollback', `${running.sessionId}.ansi`)
    await expect.poll(() => (fs.existsSync(persisted) ? fs.readFileSync(persisted, 'utf8') : ''), { timeout: 30_000 }).toMatch(/tick 3/)

    stopPtyHost(home)
    const lost = await waitFor(client, run.id, 'lost')
    expect(lost.detail).toMatch(/resume/)
    expect(fs.readFileSync(path.join(running.worktreePath as string, 'work-in-progress.txt'), 'utf8')).toBe('started\n')
    const history = await client.invoke('terminal.open', { runId: run.id })
    expect(history.live).toBe(false)
    expect(history.scrollback).toMatch(/tick 3/)

    const resumed = await client.invoke('run.resume', { id: run.id })
    expect(resumed.state).toBe('running')
    expect(resumed.attempt).toBe(2)
    expect(resumed.worktreePath).toBe(running.worktreePath)
    await expect.poll(async () => (await client!.invoke('terminal.open', { runId: run.id })).scrollback, { timeout: 10_000 }).toMatch(/tick \d+/)
  }, 120_000)
})
