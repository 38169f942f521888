import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, sourceCli, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'
import { GatewayClient } from './gateway.client'
import { agentSocketPath } from './gateway.protocol'

describe('the run socket (agent gateway)', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  async function running(): Promise<{ run: Run; token: string }> {
    t = await startTestCore({ engine: true })
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Pick a license' })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('running')
    return { run, token: fs.readFileSync(path.join(t.home, 'runs', run.id, 'agent-token'), 'utf8').trim() }
  }

  it('checks the token, offers agent operations only, and records an operator attempt', async () => {
    const { run, token } = await running()
    const socket = agentSocketPath(t!.home, run.id)
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600)
    await expect(new GatewayClient({ socket, token: 'not-the-token' }).request('briefing')).rejects.toThrow(/agent token for run .* is not valid/)
    const agent = new GatewayClient({ socket, token })
    expect(((await agent.request('briefing')) as { markdown: string }).markdown).toContain('Pick a license')
    await expect(agent.request('answer', { threadId: 'x', text: 'yes' })).rejects.toThrow(/the operation "answer" is an operator's action; an agent cannot do it/)
    const events = await t!.core.client.invoke('event.forEntity', { entity: run.id })
    expect(events.filter((e) => e.topic === 'agent.refused').map((e) => e.payload)).toEqual([{ runId: run.id, what: 'the operation "answer"' }])

    // An endless line is cut off with its connection; the socket keeps serving.
    const raw = net.connect(socket)
    raw.on('error', () => undefined)
    const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()))
    raw.write('x'.repeat(2 * 1024 * 1024))
    await closed
    expect(((await agent.request('briefing')) as { markdown: string }).markdown).toContain('Pick a license')
  })

  it('keeps a blocking question waiting across an engine restart, and delivers the answer given after it', async () => {
    const { run, token } = await running()
    const agent = new GatewayClient({ socket: agentSocketPath(t!.home, run.id), token })
    const thread = await agent.request<{ id: string }>('ask', { question: 'MIT or Apache-2.0?', options: ['MIT', 'Apache-2.0'], blocking: true })
    const answer = agent.request<string>('wait', { threadId: thread.id }, { retryMs: 60_000 })
    // The app quits and starts again: the socket goes away and is served anew; the call asks again.
    await t!.core.close()
    expect(fs.existsSync(agentSocketPath(t!.home, run.id))).toBe(false)
    const again = await t!.reopen({ engine: true })
    await expect.poll(() => fs.existsSync(agentSocketPath(t!.home, run.id)), { timeout: 10_000 }).toBe(true)
    await again.client.invoke('forum.answer', { threadId: thread.id, text: 'MIT' })
    expect(await answer).toBe('MIT')
  })
})

describe('a sandboxed agent whose run no engine serves', () => {
  let t: TestCore | undefined
  afterEach(async () => t?.close())

  it('leaves its hook signals in the run inbox, and the next engine records them in order', async () => {
    process.env.TMPDIR = '/var/tmp'
    t = await startTestCore()
    const c = t.core.client
    const repo = await c.invoke('repo.add', { path: t.gitRepo() })
    const issue = await c.invoke('issue.create', { repoId: repo.id, title: 'Offline hooks' })
    const cli = sourceCli.argv.map((a) => `'${a}'`).join(' ')
    const hook = (name: string) => `printf '{"n":"${name}"}' | ${cli} --home '${t!.home}' run signal "$FLIGHTDECK_RUN_ID" --hook ${name}`
    const run = await c.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', `${hook('UserPromptSubmit')}; ${hook('Stop')}; sleep 60`] })
    const inbox = path.join(t.home, 'runs', run.id, 'inbox')
    await expect.poll(() => (fs.existsSync(inbox) ? fs.readdirSync(inbox).filter((n) => n.endsWith('.json')).length : 0), { timeout: 40_000 }).toBe(2)
    expect((await c.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'run.signal')).toEqual([])
    const engine = await t.reopen({ engine: true })
    await expect.poll(async () => (await engine.client.invoke('event.forEntity', { entity: run.id })).filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook), { timeout: 20_000 }).toEqual(['UserPromptSubmit', 'Stop'])
    expect(fs.readdirSync(inbox)).toEqual([])
  }, 90_000)
})
