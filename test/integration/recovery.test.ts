import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Run } from '../../src/shared/domain'
import { type ServeProcess, startServe } from '../fixtures/serve'
import { makeGitRepo, tempDir } from '../fixtures/temp'
import { connectWs, type WsTestClient } from '../fixtures/ws-client'

/** Found by the chaos suite: a core killed mid-validation left its run validating forever after the restart. */
describe('a core killed while a run validates', () => {
  let tmp: ReturnType<typeof tempDir>
  let serve: ServeProcess | undefined
  let client: WsTestClient | undefined
  afterEach(async () => {
    client?.close()
    await serve?.stop()
    tmp.cleanup()
  })

  const connect = (s: ServeProcess) => connectWs(`${s.origin.replace('http', 'ws')}/api/ws?token=${new URL(s.url).searchParams.get('token')}`)
  const stateOf = async (c: WsTestClient, id: string): Promise<Run> => c.invoke('run.get', { id })

  it('validates again after the restart and settles the run', async () => {
    tmp = tempDir('fd-revalidate-')
    const home = path.join(tmp.dir, 'home')
    const gate = path.join(tmp.dir, 'go')
    // Validation waits until the test lets it pass, so the kill lands while it runs.
    const policy = { validation: { commands: [{ name: 'gate', argv: ['sh', '-c', `while [ ! -f ${gate} ]; do sleep 0.05; done`] }] } }
    serve = await startServe(home)
    client = await connect(serve)
    const repo = await client.invoke('repo.add', { path: makeGitRepo(path.join(tmp.dir, 'app'), { '.flightdeck/policy.json': JSON.stringify(policy) }) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'validate me' })
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'echo done > done.txt'] })
    await expect.poll(async () => (await stateOf(client!, run.id)).state, { timeout: 30_000 }).toBe('validating')

    client.close()
    serve.child.kill('SIGKILL')
    await new Promise((r) => serve!.child.once('exit', r))
    fs.writeFileSync(gate, '')
    serve = await startServe(home)
    client = await connect(serve)
    await expect.poll(async () => (await stateOf(client!, run.id)).state, { timeout: 30_000 }).toBe('ready_to_merge')
    expect((await client.invoke('run.changes', { id: run.id })).map((f) => f.path)).toContain('done.txt')
  }, 90_000)
})
