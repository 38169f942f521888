import { describe, expect, it } from 'vitest'
import type { EventEnvelope } from '../../../shared/contract'
import type { Issue } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'
import { createAppStore } from './app.store'
import { selectColumns } from './selectors'

const issue = (id: string, over: Partial<Issue> = {}): Issue => ({
  id, repoId: 'R1', title: `issue ${id}`, body: '', acceptanceCriteria: [], priority: 'medium', type: 'feature',
  labels: [], status: 'planning', scaleTier: null, dependsOn: [], createdAt: `2026-01-0${id.length}T00:00:00Z`,
  updatedAt: '2026-01-01T00:00:00Z', ...over
})

function fakeClient(issues: Issue[]): Client {
  return {
    invoke: (async (name: string) => (name === 'issue.list' ? issues : [])) as Client['invoke'],
    subscribe: () => () => {},
    watch: () => () => {}
  }
}

const event = <T extends 'issue.created' | 'issue.updated'>(topic: T, i: Issue, seq: number): EventEnvelope =>
  ({ id: `e${seq}`, seq, ts: '', topic, entity: i.id, payload: { issue: i } }) as EventEnvelope

describe('app store', () => {
  it('loads, applies events in order, and groups by status with filters', async () => {
    const store = createAppStore(fakeClient([issue('a'), issue('bb', { priority: 'urgent' })]))
    await store.getState().refresh()
    expect(store.getState().load).toBe('ready')
    store.getState().applyEvent(event('issue.created', issue('ccc', { labels: ['ui'] }), 1))
    store.getState().applyEvent(event('issue.updated', issue('a', { status: 'approved' }), 2))
    const columns = selectColumns(store.getState())
    expect(columns.planning.map((i) => i.id)).toEqual(['bb', 'ccc'])
    expect(columns.approved.map((i) => i.id)).toEqual(['a'])
    store.getState().setTextFilter('UI')
    expect(selectColumns(store.getState()).planning.map((i) => i.id)).toEqual(['ccc'])
  })

  it('reports a failed load as an error state, not an empty board', async () => {
    const client: Client = { invoke: (async () => { throw new Error('core unreachable') }) as Client['invoke'], subscribe: () => () => {}, watch: () => () => {} }
    const store = createAppStore(client)
    await store.getState().refresh()
    expect(store.getState()).toMatchObject({ load: 'error', loadError: 'core unreachable' })
  })
})
