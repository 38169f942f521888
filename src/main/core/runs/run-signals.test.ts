import { afterEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'

describe('run signals', () => {
  let t: TestCore | undefined
  afterEach(() => t?.close())

  it('a SessionStart that arrives after the first prompt (two hook processes racing) brings the conversation id, not the status source', async () => {
    t = await startTestCore({ engine: true })
    const client = t.core.client
    const repo = await client.invoke('repo.add', { path: t.gitRepo('s', { '.flightdeck/policy.json': JSON.stringify({ sandbox: { mode: 'off' } }) }) })
    const issue = await client.invoke('issue.create', { repoId: repo.id, title: 'Race' })
    const run = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '30'] })
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).toBe('running')

    await client.invoke('run.signal', { id: run.id, hook: 'UserPromptSubmit', payload: { session_id: 'conv-1', prompt: 'go' } })
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).activitySource, { timeout: 10_000 }).toBe('hook:UserPromptSubmit')
    await client.invoke('run.signal', { id: run.id, hook: 'SessionStart', payload: { session_id: 'conv-2' } })
    await expect.poll(async () => (await client.invoke('run.get', { id: run.id })).agentSessionId, { timeout: 10_000 }).toBe('conv-2')
    expect(await client.invoke('run.get', { id: run.id })).toMatchObject({ activity: 'working', activitySource: 'hook:UserPromptSubmit' })

    // Heard first, it is the source.
    const other = await client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv: ['sleep', '30'] })
    await expect.poll(async () => (await client.invoke('run.get', { id: other.id })).state, { timeout: 20_000 }).toBe('running')
    await client.invoke('run.signal', { id: other.id, hook: 'SessionStart', payload: { session_id: 'conv-3' } })
    await expect.poll(async () => (await client.invoke('run.get', { id: other.id })).activitySource, { timeout: 10_000 }).toBe('hook:SessionStart')

    // Restarted while its agent runs, the old session's end (SIGTERM) does not fail the new launch.
    const restarted = await client.invoke('run.restart', { id: other.id })
    expect(restarted).toMatchObject({ state: 'running', attempt: 2 })
    await new Promise((r) => setTimeout(r, 500))
    expect(await client.invoke('run.get', { id: other.id })).toMatchObject({ state: 'running', attempt: 2, sessionId: `${other.id}-2` })
    await client.invoke('run.stop', { id: other.id })
    await client.invoke('run.stop', { id: run.id })
  })
})
