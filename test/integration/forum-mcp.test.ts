import fs from 'node:fs'
import path from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterEach, describe, expect, it } from 'vitest'
import { issueAgentToken } from '../../src/main/core/forum/agent-token'
import type { Run } from '../../src/shared/domain'
import { type TestCore, sourceCli, startTestCore } from '../fixtures/core'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

type ToolText = { content: { type: string; text: string }[]; isError?: boolean }

describe('flightdeck mcp (stdio, from source) for a run', () => {
  let t: TestCore | undefined
  const clients: Client[] = []
  const pids: number[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close().catch(() => undefined)
    // The server closes its database when stdin ends; the folder goes only after it has exited.
    await expect.poll(() => pids.filter(alive).length, { timeout: 10_000 }).toBe(0)
    // The pty host may still be persisting the killed session's scrollback while the folder goes
    // (a race of the shared fixture's close): remove what it wrote after it settled.
    const dir = t?.dir
    await t?.close().catch(async () => {
      await new Promise((r) => setTimeout(r, 500))
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    })
  })

  async function setup(): Promise<Run> {
    t = await startTestCore()
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Pick a license', acceptanceCriteria: ['LICENSE exists'] })
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    await expect.poll(async () => (await t!.core.client.invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('running')
    return t.core.client.invoke('run.get', { id: run.id })
  }

  async function connect(env: Record<string, string>): Promise<Client> {
    const [command, ...args] = sourceCli.argv
    const transport = new StdioClientTransport({ command: command!, args: [...args, '--home', t!.home, 'mcp'], env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' })
    const client = new Client({ name: 'test-agent', version: '1.0.0' })
    clients.push(client)
    try {
      await client.connect(transport)
    } finally {
      if (transport.pid) pids.push(transport.pid)
    }
    return client
  }

  it('answers ask_operator only once the operator answers, through any core on the file (even after the first one closed)', async () => {
    const run = await setup()
    const tokenFile = path.join(t!.home, 'runs', run.id, 'agent-token')
    const agent = await connect({ FLIGHTDECK_RUN_ID: run.id, FLIGHTDECK_MCP_TOKEN_FILE: tokenFile })
    expect((await agent.listTools()).tools.map((x) => x.name).sort()).toEqual(['ask_operator', 'get_briefing', 'mark_complete', 'report_status'])
    expect(((await agent.callTool({ name: 'get_briefing', arguments: {} })) as ToolText).content[0]?.text).toContain('- LICENSE exists')

    const asked = agent.callTool({ name: 'ask_operator', arguments: { question: 'MIT or Apache-2.0?', options: ['MIT', 'Apache-2.0'] } }, undefined, { timeout: 120_000 })
    let settled = false
    void asked.finally(() => (settled = true))
    await expect.poll(async () => (await t!.core.client.invoke('forum.list', { runId: run.id })).length, { timeout: 20_000 }).toBe(1)
    expect((await t!.core.client.invoke('run.get', { id: run.id })).state).toBe('waiting')

    // The core that launched the run goes away (an app restart); the MCP server only needs the database.
    await t!.core.close()
    await new Promise((r) => setTimeout(r, 1_000))
    expect(settled).toBe(false)
    const later = await t!.reopen()
    const [thread] = await later.client.invoke('forum.list', { runId: run.id })
    await later.client.invoke('forum.answer', { threadId: thread!.id, text: 'MIT, please.' })
    expect((await asked) as ToolText).toMatchObject({ content: [{ type: 'text', text: 'MIT, please.' }] })
    expect((await later.client.invoke('run.get', { id: run.id })).state).toBe('running')

    const status = (await agent.callTool({ name: 'report_status', arguments: { state: 'testing', note: 'running the linter' } })) as ToolText
    expect(status.isError).toBeFalsy()
    expect((await later.client.invoke('run.get', { id: run.id })).detail).toBe('agent reports testing: running the linter')
    await agent.callTool({ name: 'mark_complete', arguments: { summary: 'Added LICENSE (MIT).', done_criteria: ['LICENSE exists'] } })
    const signals = (await later.client.invoke('event.list', { limit: 1_000 })).filter((e) => e.topic === 'run.signal').map((e) => (e.payload as { hook: string }).hook)
    expect(signals).toEqual(['report_status', 'implementation-complete'])
  }, 120_000)

  it('refuses a wrong token at start and a stale one on every call', async () => {
    const run = await setup()
    await expect(connect({ FLIGHTDECK_RUN_ID: run.id, FLIGHTDECK_MCP_TOKEN: 'forged' })).rejects.toThrow()
    const agent = await connect({ FLIGHTDECK_RUN_ID: run.id, FLIGHTDECK_MCP_TOKEN: fs.readFileSync(path.join(t!.home, 'runs', run.id, 'agent-token'), 'utf8') })
    // A relaunch of the run issues a new token; the old server's calls are refused from then on.
    await t!.core.services.store.write((tx) => issueAgentToken(tx.db, run.id))
    const refused = (await agent.callTool({ name: 'ask_operator', arguments: { question: 'Still there?' } })) as ToolText
    expect(refused.isError).toBe(true)
    expect(refused.content[0]?.text).toMatch(/Flightdeck refused: the agent token for run .* is not valid/)
    expect(await t!.core.client.invoke('forum.list', {})).toEqual([])
  }, 120_000)
})
