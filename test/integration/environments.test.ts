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
    await expect.poll(async () => (last = await t!.core.client.invoke('run.get', { id })).state, { timeout: 60_000 }).toBe(want)
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
})
