import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { Run } from '../../../shared/domain'
import { withUserAgents } from '../agents/agent-catalog'
import { policySchema } from '../policy/policy.schema'

describe('a run’s timeline, its constraint snapshot, and the user’s agent settings', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  const waitForState = async (id: string, state: Run['state']) => {
    let last: Run | undefined
    await expect.poll(async () => (last = await t.core.client.invoke('run.get', { id })).state, { timeout: 30_000, interval: 100 }).toBe(state)
    return last as Run
  }

  it('lists one run’s events in order, serves its snapshot, and launches with the settings’ env', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo('app') })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Greet' })
    await t.core.client.invoke('settings.update', { patch: { agents: { shell: { env: { GREETING: 'from settings' } } } } })
    const argv = ['sh', '-c', 'printf "%s" "$GREETING" > g.txt && git add g.txt && git commit -qm greet']
    const run = await t.core.client.invoke('run.start', { issueId: issue.id, agent: 'shell', argv })
    const ready = await waitForState(run.id, 'ready_to_merge')
    expect(fs.readFileSync(path.join(ready.worktreePath as string, 'g.txt'), 'utf8')).toBe('from settings')

    const events = await t.core.client.invoke('event.forEntity', { entity: run.id })
    expect(events[0]?.topic).toBe('run.created')
    expect(events.every((e) => e.entity === run.id)).toBe(true)
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b))
    const states = events.filter((e) => e.topic === 'run.updated').map((e) => (e.payload as { run: Run }).run.state)
    expect(states).toContain('running')
    expect(states.at(-1)).toBe('ready_to_merge')
    expect(await t.core.client.invoke('event.forEntity', { entity: run.id, limit: 2 })).toEqual(events.slice(-2))

    const snapshot = await t.core.client.invoke('constraint.get', { id: run.constraintSnapshotId as string })
    expect(snapshot).toMatchObject({ id: run.constraintSnapshotId, issueId: issue.id, content: { agent: 'shell' } })
    await expect(t.core.client.invoke('constraint.get', { id: issue.id })).rejects.toMatchObject({ code: 'not_found', path: 'id' })
  }, 60_000)

  it('lays the settings’ argv over the policy’s and merges env with the user winning', () => {
    const policy = policySchema.parse({ agents: { profiles: { codex: { argv: ['/opt/codex'], env: { A: 'policy', B: 'policy' } } } } })
    const merged = withUserAgents(policy, { codex: { argv: ['/home/me/bin/codex'], env: { B: 'user' } }, gemini: { env: { C: 'x' } } })
    expect(merged.agents.profiles.codex).toEqual({ argv: ['/home/me/bin/codex'], env: { A: 'policy', B: 'user' } })
    expect(merged.agents.profiles.gemini).toEqual({ env: { C: 'x' } })
    expect(withUserAgents(policy, {}).agents.profiles.codex?.argv).toEqual(['/opt/codex'])
  })
})
