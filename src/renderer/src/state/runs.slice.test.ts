import { describe, expect, it } from 'vitest'
import type { EventEnvelope } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import type { Client } from '../../../shared/transport'
import { createAppStore } from './app.store'
import { runActions } from './run-actions'
import { latestRunByIssue, selectIssueRuns } from './run-selectors'

const run = (id: string, over: Partial<Run> = {}): Run => ({
  id, issueId: 'I1', repoId: 'R1', agentProfile: 'shell', state: 'queued', contextPacketId: 'P1', constraintSnapshotId: null,
  branch: null, worktreePath: null, baseBranch: null, sessionId: null, attempt: 0, activity: 'unknown', exitCode: null,
  argv: [], detail: null, lastOutputAt: null, agentSessionId: null, activitySource: null, activityAt: null, restartDueAt: null, startPoint: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
  endedAt: null, ...over
})

function clientWithRuns(runs: () => Promise<Run[]>): Client {
  return {
    invoke: (async (name: string) => (name === 'run.list' ? runs() : [])) as Client['invoke'],
    subscribe: () => () => {},
    watch: () => () => {}
  }
}

const runEvent = (topic: 'run.created' | 'run.updated', r: Run, seq: number): EventEnvelope =>
  ({ id: `e${seq}`, seq, ts: '', topic, entity: r.id, payload: { run: r } }) as EventEnvelope

describe('runs slice', () => {
  it('loads runs with the board and folds run events in', async () => {
    const store = createAppStore(clientWithRuns(async () => [run('a')]))
    await store.getState().refresh()
    expect(Object.keys(store.getState().runs)).toEqual(['a'])
    store.getState().applyEvent(runEvent('run.created', run('b'), 1))
    store.getState().applyEvent(runEvent('run.updated', run('a', { state: 'running', updatedAt: '2026-01-01T00:00:01.000Z' }), 2))
    expect(store.getState().runs.a?.state).toBe('running')
    expect(store.getState().runs.b?.state).toBe('queued')
  })

  it('keeps a newer run from an event when an older snapshot lands after it', async () => {
    let release: (runs: Run[]) => void = () => {}
    let asked: () => void = () => {}
    const requested = new Promise<void>((resolve) => (asked = resolve))
    const store = createAppStore(clientWithRuns(() => new Promise((resolve) => ((release = resolve), asked()))))
    const loading = store.getState().refresh()
    // The runs are asked for after the issues (the board shows first): the event lands while they are on the way.
    await requested
    expect(store.getState()).toMatchObject({ load: 'ready', runsLoad: 'idle' })
    store.getState().applyEvent(runEvent('run.updated', run('a', { state: 'ready_to_merge', updatedAt: '2026-01-01T00:00:05.000Z' }), 1))
    release([run('a', { state: 'running', updatedAt: '2026-01-01T00:00:02.000Z' }), run('b')])
    await loading
    expect(store.getState().runsLoad).toBe('ready')
    expect(store.getState().runs.a?.state).toBe('ready_to_merge')
    expect(store.getState().runs.b).toBeDefined()
  })

  it('switches between the board and a run', () => {
    const store = createAppStore(clientWithRuns(async () => []))
    store.getState().openRun('a')
    expect(store.getState()).toMatchObject({ view: 'run', openRunId: 'a' })
    store.getState().showBoard()
    expect(store.getState().view).toBe('board')
  })
})

describe('run selectors', () => {
  const runs = {
    old: run('old', { createdAt: '2026-01-01T00:00:00.000Z' }),
    new: run('new', { createdAt: '2026-01-02T00:00:00.000Z' }),
    other: run('other', { issueId: 'I2' })
  }

  it('lists an issue’s runs newest first', () => {
    expect(selectIssueRuns(runs, 'I1').map((r) => r.id)).toEqual(['new', 'old'])
  })

  it('picks each issue’s newest run', () => {
    const latest = latestRunByIssue(runs)
    expect(latest.get('I1')?.id).toBe('new')
    expect(latest.get('I2')?.id).toBe('other')
  })
})

describe('run actions', () => {
  it('offers merge only when ready, and cleanup only when a worktree exists and nothing runs', () => {
    const ready = runActions(run('a', { state: 'ready_to_merge', worktreePath: '/w' }))
    expect(ready.merge.enabled).toBe(true)
    expect(ready.cleanup.enabled).toBe(true)
    const running = runActions(run('a', { state: 'running', worktreePath: '/w' }))
    expect(running.merge).toEqual({ enabled: false, why: 'the run is running, not ready to merge' })
    expect(running.cleanup.why).toMatch(/stop it first/)
    expect(running.stop.enabled).toBe(true)
    expect(runActions(run('a', { state: 'queued' })).cleanup.why).toBe('the run has no worktree')
  })

  it('refuses to relaunch merged or queued runs and to resume an agent that cannot', () => {
    const merged = runActions(run('a', { state: 'merged', worktreePath: '/w' }))
    expect([merged.stop.enabled, merged.restart.enabled, merged.resume.enabled]).toEqual([false, false, false])
    const failed = runActions(run('a', { state: 'failed' }), { resumable: false })
    expect(failed.restart.enabled).toBe(true)
    expect(failed.resume.why).toMatch(/cannot continue/)
    expect(runActions(run('a', { state: 'failed' }), { resumable: true }).resume.enabled).toBe(true)
  })
})
