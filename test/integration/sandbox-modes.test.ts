import net from 'node:net'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'

process.env.TMPDIR = '/var/tmp'

/** The policy's other sandbox settings, each on a real shell agent in bubblewrap. */
describe('sandbox modes', () => {
  let t: TestCore | undefined
  let server: net.Server | undefined
  afterEach(async () => {
    server?.close()
    await t?.close()
  })

  async function runWith(sandbox: object, script: string): Promise<{ run: Run; out: string }> {
    t = await startTestCore({ engine: true })
    const repo = t.gitRepo('box', { 'README.md': '# box\n', '.flightdeck/policy.json': JSON.stringify({ sandbox }) })
    const r = await t.core.client.invoke('repo.add', { path: repo })
    const issue = await t.core.client.invoke('issue.create', { repoId: r.id, title: 'Look around' })
    // The agent reports on its terminal; the test reads the terminal's history.
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `${script}; echo END`] })
    let last: Run | undefined
    await expect.poll(async () => (last = await t!.core.client.invoke('run.get', { id: run.id })).exitCode, { timeout: 60_000 }).not.toBeNull()
    const screen = (await t.core.client.invoke('terminal.open', { runId: run.id })).scrollback.replaceAll('\u001b[1C', ' ')
    return { run: last!, out: screen }
  }

  it('readonly: the agent reads its worktree but cannot change it', async () => {
    const { run, out } = await runWith({ mode: 'readonly' }, 'cat README.md; if echo x > new.txt 2>/dev/null; then echo WROTE; else echo NOWRITE; fi')
    expect(out).toContain('# box')
    expect(out).toContain('NOWRITE')
    expect(out).not.toContain('WROTE')
    expect(fs.existsSync(path.join(run.worktreePath!, 'new.txt'))).toBe(false)
    const confined = (await t!.core.client.invoke('event.forEntity', { entity: run.id })).find((e) => e.topic === 'run.confined')
    expect(confined?.payload).toMatchObject({ confinement: { mode: 'readonly', network: 'on', tool: 'bwrap' } })
  })

  it('network off: a server on the machine is out of reach from inside', async () => {
    server = net.createServer((s) => s.end('hello from outside\n'))
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as net.AddressInfo).port
    const probe = `node -e "require('net').connect(${port},'127.0.0.1').on('data',d=>{console.log('GOT',String(d));process.exit(0)}).on('error',e=>{console.log('NONET',e.code);process.exit(0)})"`
    const { out } = await runWith({ mode: 'workspace', network: 'off' }, probe)
    expect(out).toMatch(/NONET (ECONNREFUSED|ENETUNREACH)/)
    expect(out).not.toContain('hello from outside')
  })
})

describe('a sandboxed agent’s terminal', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('gets Ctrl-C and resizes from the viewer (the pty stays its controlling terminal)', async () => {
    t = await startTestCore({ engine: true })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('tty') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Signals' })
    const script = "trap 'echo GOT-WINCH' WINCH; trap 'echo GOT-INT; exit 0' INT; echo READY; while :; do sleep 0.1; done"
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', script] })
    const screen = async () => (await t!.core.client.invoke('terminal.open', { runId: run.id })).scrollback
    await expect.poll(screen, { timeout: 30_000 }).toContain('READY')
    const { sessionId } = await t.core.client.invoke('run.get', { id: run.id })
    await t.core.client.invoke('terminal.resize', { sessionId: sessionId!, cols: 100, rows: 30 })
    await expect.poll(screen, { timeout: 10_000 }).toContain('GOT-WINCH')
    await t.core.client.invoke('terminal.input', { sessionId: sessionId!, data: '\u0003' })
    await expect.poll(screen, { timeout: 10_000 }).toContain('GOT-INT')
    const events = await t.core.client.invoke('event.forEntity', { entity: run.id })
    expect(events.find((e) => e.topic === 'run.confined')?.payload).toMatchObject({ confinement: { tool: 'bwrap' } })
  })
})
