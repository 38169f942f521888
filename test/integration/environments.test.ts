import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type TestCore, startTestCore } from '../fixtures/core'

process.env.TMPDIR = '/var/tmp'

const server = `node -e "require('http').createServer((q,s)=>s.end('run '+process.env.FLIGHTDECK_RUN_ID+' on '+process.env.PORT)).listen(+process.env.PORT,'127.0.0.1')"`

/** Worktrees made ready to run: ignored files copied, setup before the agent, a block of ports each. */
describe('environments', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  async function repoWith(environment: object, files: Record<string, string> = {}) {
    t = await startTestCore({ engine: true })
    const repo = t.gitRepo('web', { 'README.md': '# web\n', '.gitignore': '.env\nlocal/\n', '.flightdeck/policy.json': JSON.stringify({ environment, concurrency: { perRepo: 5 } }), ...files })
    fs.writeFileSync(path.join(repo, '.env'), 'API_URL=http://localhost:9000\n')
    fs.mkdirSync(path.join(repo, 'local'))
    fs.writeFileSync(path.join(repo, 'local', 'dev.json'), '{"debug":true}\n')
    await t.core.client.invoke('settings.update', { patch: { concurrency: { global: 8 } } })
    return (await t.core.client.invoke('repo.add', { path: repo })).id
  }
  const start = async (repoId: string, title: string, argv: string[]) =>
    t!.core.client.invoke('run.start', { issueId: (await t!.core.client.invoke('issue.create', { repoId, title })).id, agent: 'shell', argv })
  const state = async (id: string, want: Run['state']) => {
    let last: Run | undefined
    // A run that failed instead says why at once, rather than after the whole wait.
    await expect.poll(async () => {
      last = await t!.core.client.invoke('run.get', { id })
      return last.state === 'failed' && want !== 'failed' ? `failed: ${last.detail}` : last.state
    }, { timeout: 45_000 }).toBe(want)
    return last!
  }

  it('gives three parallel runs their own ports; setup ran with them and the copied .env; their servers answer; cleanup releases the block', async () => {
    const repoId = await repoWith(
      { copy: ['.env'], ports: 3, setup: [{ name: 'configure', argv: ['sh', '-c', 'cat .env > configured.txt && echo "port=$PORT next=$FLIGHTDECK_PORT_1" >> configured.txt'] }] },
      { '.worktreeinclude': 'local/**\n' }
    )
    const runs = await Promise.all([1, 2, 3].map((n) => start(repoId, `Site ${n}`, ['sh', '-c', `${server} & sleep 120`])))
    const running = await Promise.all(runs.map((r) => state(r.id, 'running')))
    const ports = await Promise.all(running.map(async (r) => {
      await expect.poll(async () => (await t!.core.client.invoke('run.ports', { runId: r.id }))[0]?.listening, { timeout: 20_000 }).toBe(true)
      return t!.core.client.invoke('run.ports', { runId: r.id })
    }))
    const bases = ports.map((p) => p[0]!.port)
    expect(new Set(bases).size).toBe(3)
    for (const [i, r] of running.entries()) {
      expect(ports[i]!.map((p) => p.variable)).toEqual(['FLIGHTDECK_PORT', 'FLIGHTDECK_PORT_1', 'FLIGHTDECK_PORT_2'])
      expect(await (await fetch(`http://127.0.0.1:${bases[i]}/`)).text()).toBe(`run ${r.id} on ${bases[i]}`)
      expect(fs.readFileSync(path.join(r.worktreePath!, 'configured.txt'), 'utf8')).toBe(`API_URL=http://localhost:9000\nport=${bases[i]} next=${bases[i]! + 1}\n`)
      expect(fs.readFileSync(path.join(r.worktreePath!, 'local', 'dev.json'), 'utf8')).toBe('{"debug":true}\n')
      expect((await t!.core.client.invoke('run.environment.log', { runId: r.id })).setup).toMatch(/^\$ sh -c cat \.env .*# configure\n[\s\S]*\[exit 0\]\n$/)
    }
    const events = await t!.core.client.invoke('event.forEntity', { entity: running[0]!.id })
    expect(events.find((e) => e.topic === 'run.environment')?.payload).toMatchObject({ phase: 'setup', name: 'configure', status: 'passed', exitCode: 0 })
    await t!.core.client.invoke('run.stop', { id: running[0]!.id })
    await state(running[0]!.id, 'stopped')
    await t!.core.client.invoke('run.cleanup', { id: running[0]!.id, force: true })
    expect(await t!.core.client.invoke('run.ports', { runId: running[0]!.id })).toEqual([])
  })

  it('a failing setup fails the launch with its output and never starts the agent; a hanging one is ended at its timeout', async () => {
    const repoId = await repoWith({ setup: [{ name: 'install', argv: ['sh', '-c', 'echo "npm ERR! missing lockfile"; exit 3'] }] })
    const run = await start(repoId, 'Broken setup', ['sh', '-c', 'echo AGENT-STARTED > started.txt'])
    const failed = await state(run.id, 'failed')
    expect(failed.detail).toMatch(/could not start: setup "install" exited with 3: npm ERR! missing lockfile/)
    expect(failed.sessionId).toBeNull()
    await t!.close()
    const hangingRepo = await repoWith({ setup: [{ name: 'migrate', argv: ['sleep', '30'], timeoutSeconds: 1 }] })
    const hung = await state((await start(hangingRepo, 'Hanging setup', ['true'])).id, 'failed')
    expect(hung.detail).toMatch(/setup "migrate" timed out after 1 s/)
  })

  it('refuses a copy glob that leaves the repository, naming it', async () => {
    const repoId = await repoWith({ copy: ['../secrets/*'] })
    await expect(start(repoId, 'Escape', ['true'])).rejects.toThrow(/policy\.json: environment\.copy\.0: a copy glob is relative and stays inside the repository/)
    expect(await t!.core.client.invoke('run.list', {})).toEqual([])
  })

  it('starts a named command in the worktree with the run\'s port, in a terminal of its own; refuses a second, stops it, and cleanup stops one left running', async () => {
    const dev = { name: 'dev', argv: ['sh', '-c', `echo "dev server on $PORT"; ${server}`] }
    const repoId = await repoWith({ ports: 2, commands: [dev, { name: 'tests', argv: ['sh', '-c', 'echo "tests in $FLIGHTDECK_COMMAND: ok"; exit 3'] }] })
    const run = await state((await start(repoId, 'Site', ['sh', '-c', 'sleep 120'])).id, 'running')
    const client = t!.core.client
    expect((await client.invoke('run.command.list', { runId: run.id })).map((c) => [c.name, c.state])).toEqual([['dev', 'idle'], ['tests', 'idle']])
    await expect(client.invoke('run.command.start', { runId: run.id, name: 'deploy' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no command "deploy" (environment.commands: dev, tests)') })

    const started = await client.invoke('run.command.start', { runId: run.id, name: 'dev' })
    expect(started).toMatchObject({ name: 'dev', state: 'running', sessionId: `${run.id}.cmd.1` })
    const [port] = await client.invoke('run.ports', { runId: run.id })
    await expect.poll(async () => (await client.invoke('run.ports', { runId: run.id }))[0]?.listening, { timeout: 20_000 }).toBe(true)
    expect(await (await fetch(`http://127.0.0.1:${port!.port}/`)).text()).toBe(`run ${run.id} on ${port!.port}`)
    await expect.poll(async () => (await client.invoke('terminal.open', { runId: run.id, command: 'dev' })).scrollback, { timeout: 10_000 }).toContain(`dev server on ${port!.port}`)
    // The agent's own terminal is untouched by it.
    expect((await client.invoke('terminal.open', { runId: run.id })).sessionId).toBe(run.sessionId)
    await expect(client.invoke('run.command.start', { runId: run.id, name: 'dev' })).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('"dev" is already running') })

    const stopped = await client.invoke('run.command.stop', { runId: run.id, name: 'dev' })
    expect(stopped.state).toBe('exited')
    await expect(fetch(`http://127.0.0.1:${port!.port}/`)).rejects.toThrow()
    await expect(client.invoke('run.command.stop', { runId: run.id, name: 'dev' })).rejects.toMatchObject({ code: 'refused' })

    // A command that ends by itself: its exit code is recorded, its last screen stays readable.
    await client.invoke('run.command.start', { runId: run.id, name: 'tests' })
    await expect.poll(async () => (await client.invoke('run.command.list', { runId: run.id })).find((c) => c.name === 'tests'), { timeout: 10_000 }).toMatchObject({ state: 'exited', exitCode: 3 })
    expect((await client.invoke('terminal.open', { runId: run.id, command: 'tests' })).scrollback).toContain('tests in tests: ok')
    const events = (await client.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'run.command').map((e) => e.payload)
    expect(events).toEqual([
      expect.objectContaining({ name: 'dev', state: 'running' }), expect.objectContaining({ name: 'dev', state: 'exited' }),
      expect.objectContaining({ name: 'tests', state: 'running' }), expect.objectContaining({ name: 'tests', state: 'exited', exitCode: 3 })
    ])

    // Started again and left running, it goes with the worktree.
    const again = await client.invoke('run.command.start', { runId: run.id, name: 'dev' })
    expect(again.sessionId).toBe(`${run.id}.cmd.3`)
    await expect.poll(async () => (await client.invoke('run.ports', { runId: run.id }))[0]?.listening, { timeout: 20_000 }).toBe(true)
    await client.invoke('run.stop', { id: run.id })
    await state(run.id, 'stopped')
    await client.invoke('run.cleanup', { id: run.id, force: true })
    expect((await client.invoke('run.command.list', { runId: run.id })).find((c) => c.name === 'dev')?.state).toBe('exited')
    await expect(fetch(`http://127.0.0.1:${port!.port}/`)).rejects.toThrow()
    await expect(client.invoke('run.command.start', { runId: run.id, name: 'dev' })).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('has no worktree') })
  })
})
