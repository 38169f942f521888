import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { EventEnvelope } from '../../../shared/contract'

describe('issue edits', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  it('records each edit as an event and writes a new briefing version only when the briefing changes', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const dep = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Schema' })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'Endpoint', body: 'old', acceptanceCriteria: ['200'] })
    const events: EventEnvelope[] = []
    const unsubscribe = t.core.subscribe((e) => events.push(e))

    const renamed = await t.core.client.invoke('issue.update', { id: issue.id, title: '  Health endpoint ', body: '# Goal\n\n**fast**' })
    expect(renamed).toMatchObject({ title: 'Health endpoint', body: '# Goal\n\n**fast**', priority: 'medium' })
    const relabelled = await t.core.client.invoke('issue.update', { id: issue.id, priority: 'high', labels: ['api', 'api'] })
    expect(relabelled).toMatchObject({ priority: 'high', labels: ['api'], title: 'Health endpoint' })
    await t.core.client.invoke('issue.update', { id: issue.id, dependsOn: [dep.id] })
    await t.core.client.invoke('issue.update', { id: issue.id, priority: 'high' })

    const updates = events.filter((e): e is EventEnvelope<'issue.updated'> => e.topic === 'issue.updated')
    expect(updates.map((e) => e.payload.changed)).toEqual([['title', 'body'], ['priority', 'labels'], ['dependsOn']])
    expect(updates[0]?.payload.before).toEqual({ title: 'Endpoint', body: 'old' })
    expect(updates.map((e) => e.payload.packetVersion)).toEqual([2, undefined, 3])

    const packets = await t.core.client.invoke('issue.contextPackets', { issueId: issue.id })
    expect(packets.map((p) => p.version)).toEqual([1, 2, 3])
    expect(packets[1]?.content).toMatchObject({ summary: 'Health endpoint', instructions: '# Goal\n\n**fast**', acceptanceCriteria: ['200'] })
    expect(packets[2]?.content.inputs).toEqual({ dependsOn: [{ issueId: dep.id, title: 'Schema' }] })
    expect(packets[0]?.content.summary).toBe('Endpoint')

    const stored = await t.core.client.invoke('issue.get', { id: issue.id })
    expect(stored).toMatchObject({ title: 'Health endpoint', priority: 'high', labels: ['api'], dependsOn: [dep.id] })
    const timeline = await t.core.client.invoke('event.forEntity', { entity: issue.id })
    expect(timeline.filter((e) => e.topic === 'issue.updated')).toHaveLength(3)
    unsubscribe()
  })

  it('refuses a cycle, a self-dependency, an unknown dependency and an empty title, changing nothing', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const a = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'A' })
    const b = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'B', dependsOn: [a.id] })
    const c = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'C', dependsOn: [b.id] })

    const cycle = await t.core.client.invoke('issue.update', { id: a.id, dependsOn: [c.id] }).catch((e: unknown) => e)
    expect(cycle).toMatchObject({ code: 'invalid_input', path: 'dependsOn.0' })
    expect((cycle as Error).message).toBe('that would make a dependency cycle: "A" depends on "C" depends on "B" depends on "A"')
    await expect(t.core.client.invoke('issue.update', { id: a.id, dependsOn: [a.id] })).rejects.toMatchObject({ message: 'an issue cannot depend on itself' })
    await expect(t.core.client.invoke('issue.update', { id: a.id, dependsOn: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'] })).rejects.toMatchObject({ code: 'not_found', path: 'dependsOn.0' })
    await expect(t.core.client.invoke('issue.update', { id: a.id, title: '   ' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/title is required/) })
    await expect(t.core.client.invoke('issue.update', { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', title: 'X' })).rejects.toMatchObject({ code: 'not_found' })

    expect(await t.core.client.invoke('issue.get', { id: a.id })).toMatchObject({ title: 'A', dependsOn: [] })
    expect(await t.core.client.invoke('issue.contextPackets', { issueId: a.id })).toHaveLength(1)
    // Removing an edge and adding a non-cyclic one is fine.
    expect((await t.core.client.invoke('issue.update', { id: c.id, dependsOn: [a.id] })).dependsOn).toEqual([a.id])
  })
})

describe('issue edits and the run engine', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore({ engine: true })
  })
  afterEach(() => t.close())

  it('starts a run held by a dependency once the dependency is edited away, briefed with the new version', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const a = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'A' })
    const b = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'B', dependsOn: [a.id] })
    const run = await t.core.client.invoke('run.start', { issueId: b.id, agent: 'shell', argv: ['sh', '-c', 'sleep 0.2'] })
    await expect.poll(async () => (await t.core.client.invoke('run.get', { id: run.id })).detail, { timeout: 10_000 }).toMatch(/waiting for dependencies/)
    expect((await t.core.client.invoke('run.get', { id: run.id })).state).toBe('queued')

    await t.core.client.invoke('issue.update', { id: b.id, dependsOn: [] })
    await expect.poll(async () => (await t.core.client.invoke('run.get', { id: run.id })).state, { timeout: 20_000 }).not.toBe('queued')
    const packets = await t.core.client.invoke('issue.contextPackets', { issueId: b.id })
    expect(packets.map((p) => p.version)).toEqual([1, 2])
    expect((await t.core.client.invoke('run.get', { id: run.id })).contextPacketId).toBe(packets[1]?.id)
    // Let the short run settle before the core closes under it.
    await expect.poll(async () => ['queued', 'preparing', 'running', 'validating'].includes((await t.core.client.invoke('run.get', { id: run.id })).state), { timeout: 30_000 }).toBe(false)
  })
})
