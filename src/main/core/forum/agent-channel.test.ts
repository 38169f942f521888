import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'

describe('agent questions pause a run; answers resume it', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  const invoke: TestCore['core']['client']['invoke'] = (name, input) => t.core.client.invoke(name, input)
  async function runningShellRun(): Promise<Run> {
    const repo = await invoke('repo.add', { path: t.gitRepo() })
    const issue = await invoke('issue.create', { repoId: repo.id, title: 'Serve the app', acceptanceCriteria: ['it listens'] })
    const run = await invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sh', '-c', 'sleep 120'] })
    await expect.poll(async () => (await invoke('run.get', { id: run.id })).state, { timeout: 30_000 }).toBe('running')
    return invoke('run.get', { id: run.id })
  }

  it('ask (blocking) -> run waiting, issue blocked; answer -> running, in_progress, briefing v2 pinned, the waiter gets the text', async () => {
    const run = await runningShellRun()
    const channel = t.core.services.agentChannel
    const thread = await channel.ask(run, { question: 'Which port should it listen on?', options: ['8080', '3000'], blocking: true, channel: 'mcp' })
    expect(thread).toMatchObject({ state: 'waiting_operator', blocking: true, runId: run.id, issueId: run.issueId, authorRole: 'agent', unseen: true })
    expect(await invoke('run.get', { id: run.id })).toMatchObject({ state: 'waiting', activity: 'needs_input' })
    expect((await invoke('issue.get', { id: run.issueId })).status).toBe('blocked')
    expect((await invoke('forum.stats', {})).openQuestions).toBe(1)

    const waiting = channel.waitForAnswer(thread.id)
    // Answered through another core on the same file, as the UI's `serve` process would.
    const other = await t.reopen()
    await other.client.invoke('forum.answer', { threadId: thread.id, text: 'Use 8080.' })
    expect(await waiting).toBe('Use 8080.')

    const after = await invoke('run.get', { id: run.id })
    expect(after).toMatchObject({ state: 'running', activity: 'working' })
    expect((await invoke('issue.get', { id: run.issueId })).status).toBe('in_progress')
    const packets = await invoke('issue.contextPackets', { issueId: run.issueId })
    expect(packets).toHaveLength(2)
    expect(after.contextPacketId).toBe(packets[1]?.id)
    expect(packets[1]?.content.qa).toEqual([{ question: expect.stringContaining('Which port'), answer: 'Use 8080.', threadId: thread.id }])
    expect((await channel.briefing(after)).markdown).toContain('**A:** Use 8080.')
  })

  it('keeps the answer for the resume when the agent died while waiting', async () => {
    const run = await runningShellRun()
    const thread = await t.core.services.agentChannel.ask(run, { question: 'Proceed?', options: [], blocking: true, channel: 'mcp' })
    await invoke('run.stop', { id: run.id })
    await invoke('forum.answer', { threadId: thread.id, text: 'Yes.' })
    const stopped = await invoke('run.get', { id: run.id })
    expect(stopped.state).toBe('stopped')
    const latest = (await invoke('issue.contextPackets', { issueId: run.issueId })).at(-1)
    expect(stopped.contextPacketId).toBe(latest?.id)
    await invoke('run.resume', { id: run.id })
    const briefing = fs.readFileSync(path.join(t.home, 'runs', run.id, 'briefing.md'), 'utf8')
    expect(briefing).toContain('**Q:** Proceed?\n**A:** Yes.')
  })

  it('refuses a wrong or stale agent token', async () => {
    const run = await runningShellRun()
    await expect(t.core.services.agentChannel.verify(run.id, 'not-the-token')).rejects.toMatchObject({ code: 'unauthorized' })
    const token = fs.readFileSync(path.join(t.home, 'runs', run.id, 'agent-token'), 'utf8')
    expect((await t.core.services.agentChannel.verify(run.id, token)).id).toBe(run.id)
    await invoke('run.restart', { id: run.id })
    await expect(t.core.services.agentChannel.verify(run.id, token)).rejects.toMatchObject({ code: 'unauthorized' })
  })
})
