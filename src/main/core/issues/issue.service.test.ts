import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TestCore, startTestCore } from '../../../../test/fixtures/core'
import type { EventEnvelope } from '../../../shared/contract'
import { ApiError } from '../../../shared/errors'

describe('issues', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await startTestCore()
  })
  afterEach(() => t.close())

  it('creates an issue with defaults, context packet v1 and an event, and lists it by status', async () => {
    const events: EventEnvelope[] = []
    const unsubscribe = t.core.subscribe((e) => events.push(e))
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', {
      repoId: repo.id,
      title: '  Add a health endpoint ',
      acceptanceCriteria: ['GET /health returns 200'],
      labels: ['api', 'api']
    })
    expect(issue).toMatchObject({ title: 'Add a health endpoint', status: 'planning', priority: 'medium', type: 'feature', labels: ['api'] })
    expect(events.map((e) => e.topic)).toEqual(['repo.added', 'issue.created'])
    expect(events[1]?.seq).toBeGreaterThan(events[0]?.seq ?? Infinity)

    const packets = await t.core.client.invoke('issue.contextPackets', { issueId: issue.id })
    expect(packets).toHaveLength(1)
    expect(packets[0]).toMatchObject({ version: 1, content: { summary: 'Add a health endpoint', acceptanceCriteria: ['GET /health returns 200'] } })

    expect(await t.core.client.invoke('issue.list', { status: 'planning' })).toHaveLength(1)
    expect(await t.core.client.invoke('issue.list', { status: 'done' })).toHaveLength(0)
    unsubscribe()
  })

  it('keeps dependencies and refuses unknown ones without writing', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const a = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'A' })
    const b = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'B', dependsOn: [a.id] })
    expect((await t.core.client.invoke('issue.get', { id: b.id })).dependsOn).toEqual([a.id])
    const ghost = '01ARZ3NDEKTSV4RRFFQ69G5FAV'
    await expect(t.core.client.invoke('issue.create', { repoId: repo.id, title: 'C', dependsOn: [a.id, ghost] })).rejects.toMatchObject({
      code: 'not_found',
      path: 'dependsOn.1'
    })
    expect(await t.core.client.invoke('issue.list', {})).toHaveLength(2)
  })

  it('moves along allowed transitions and refuses the others with the reason', async () => {
    const repo = await t.core.client.invoke('repo.add', { path: t.gitRepo() })
    const issue = await t.core.client.invoke('issue.create', { repoId: repo.id, title: 'A' })
    expect((await t.core.client.invoke('issue.transition', { id: issue.id, to: 'approved' })).status).toBe('approved')
    const refused = await t.core.client.invoke('issue.transition', { id: issue.id, to: 'done' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ApiError)
    expect(refused).toMatchObject({ code: 'transition_refused' })
    expect((refused as ApiError).message).toMatch(/from approved it can move to planning, in_progress, cancelled/)
    expect((await t.core.client.invoke('issue.get', { id: issue.id })).status).toBe('approved')
  })

  it('refuses a repo registered twice and resolves repos by name and path', async () => {
    const dir = t.gitRepo('svc')
    const repo = await t.core.client.invoke('repo.add', { path: dir })
    expect(repo).toMatchObject({ name: 'svc', defaultBranch: 'main' })
    await expect(t.core.client.invoke('repo.add', { path: `${dir}/` })).rejects.toMatchObject({ code: 'already_exists' })
    expect((await t.core.client.invoke('repo.get', { ref: 'svc' })).id).toBe(repo.id)
    expect((await t.core.client.invoke('repo.get', { ref: dir })).id).toBe(repo.id)
    await expect(t.core.client.invoke('repo.get', { ref: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })
})
