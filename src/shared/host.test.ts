import { describe, expect, it } from 'vitest'
import type { EventEnvelope } from './contract'
import type { Run } from './domain'
import { type BlockedItem, BlockedWorkMonitor, type Host, type HostNotification, type HostTarget, badgeText, blockedWork } from './host'

/** A host that records what the app asked of it: the port under test, with no platform behind it. */
class RecordingHost implements Host {
  readonly kind = 'browser' as const
  readonly notified: HostNotification[] = []
  readonly badges: (readonly BlockedItem[])[] = []
  readonly pickDirectory = null
  notify(n: HostNotification) {
    this.notified.push(n)
  }
  setBlockedWork(items: readonly BlockedItem[]) {
    this.badges.push(items)
  }
  async copyText() {}
  openExternal() {}
  onActivate(_listener: (target: HostTarget) => void) {
    return () => {}
  }
  notificationPermission() {
    return 'granted' as const
  }
  async requestNotificationPermission() {
    return 'granted' as const
  }
  get badge() {
    return badgeText(this.badges.at(-1)?.length ?? 0)
  }
}

const run = (id: string, over: Partial<Run> = {}): Run => ({
  id, issueId: `I-${id}`, repoId: 'R', agentProfile: 'shell', state: 'running', contextPacketId: 'P', constraintSnapshotId: null,
  branch: null, worktreePath: null, baseBranch: null, sessionId: null, attempt: 1, activity: 'working', exitCode: null, argv: [],
  detail: null, lastOutputAt: null, agentSessionId: null, activitySource: null, activityAt: null, restartDueAt: null, startPoint: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', endedAt: null, ...over
})

let seq = 0
const updated = (r: Run, from?: Run['state']): EventEnvelope =>
  ({ id: `e${++seq}`, seq, ts: '', topic: 'run.updated', entity: r.id, payload: { run: r, ...(from ? { from } : {}) } }) as EventEnvelope
const titles: Record<string, string> = { 'I-a': 'Add login', 'I-b': 'Fix cart' }
const titleOf = (id: string) => titles[id]
const later = (n: number) => `2026-01-01T00:00:0${n}.000Z`

describe('blocked work through the host port', () => {
  it('counts questions, needs-input, failed and lost runs, and clears them when they move on', () => {
    const host = new RecordingHost()
    const monitor = new BlockedWorkMonitor(host, titleOf)
    monitor.load([run('a'), run('b', { state: 'merged' })])
    expect(host.badge).toBe('')
    expect(host.notified).toEqual([])

    monitor.apply(updated(run('a', { state: 'waiting', updatedAt: later(1) }), 'running'))
    expect(host.badge).toBe('1')
    expect(host.badges.at(-1)?.[0]).toMatchObject({ kind: 'question', label: 'Add login — asks a question', target: { kind: 'run', runId: 'a' } })
    expect(host.notified.map((n) => [n.severity, n.title])).toEqual([['warning', 'shell asks a question']])

    monitor.apply(updated(run('c', { state: 'failed', detail: 'exit 3', updatedAt: later(2) }), 'running'))
    monitor.apply(updated(run('d', { state: 'lost', updatedAt: later(2) }), 'running'))
    monitor.apply(updated(run('e', { activity: 'needs_input', updatedAt: later(2) })))
    expect(host.badge).toBe('4')
    expect(host.badges.at(-1)?.map((i) => i.kind)).toEqual(['question', 'needs_input', 'lost', 'failed'])
    expect(host.notified.map((n) => n.title)).toEqual(['shell asks a question', 'Run failed: Run c', 'Run lost: Run d', 'shell needs input'])
    expect(host.notified[1]).toMatchObject({ severity: 'error', body: 'exit 3', target: { kind: 'run', runId: 'c' } })

    monitor.apply(updated(run('a', { state: 'running', updatedAt: later(3) }), 'waiting'))
    expect(host.badge).toBe('3')
    expect(host.notified).toHaveLength(4)
  })

  it('lets a newer run of the same issue supersede an older failure, and ignores stale copies', () => {
    const host = new RecordingHost()
    const monitor = new BlockedWorkMonitor(host, titleOf)
    monitor.load([run('old', { issueId: 'I-a', state: 'failed' })])
    expect(host.badge).toBe('1')
    monitor.apply({ id: 'x', seq: 99, ts: '', topic: 'run.created', entity: 'new', payload: { run: run('new', { issueId: 'I-a', state: 'queued', createdAt: later(5), updatedAt: later(5) }) } } as EventEnvelope)
    expect(host.badge).toBe('')
    const badgeCalls = host.badges.length
    monitor.apply(updated(run('new', { issueId: 'I-a', state: 'failed', createdAt: later(5), updatedAt: later(1) }), 'queued'))
    expect(host.notified).toEqual([])
    expect(host.badges).toHaveLength(badgeCalls)
  })

  it('notifies ready to merge, stays quiet for merges, stops and snapshots, and counts failed gates', () => {
    const host = new RecordingHost()
    const monitor = new BlockedWorkMonitor(host, titleOf)
    monitor.load([run('a', { state: 'waiting' }), run('b', { state: 'failed' })])
    expect(host.notified).toEqual([])
    monitor.apply(updated(run('b', { state: 'ready_to_merge', updatedAt: later(1) }), 'validating'))
    expect(host.notified.at(-1)).toMatchObject({ severity: 'success', title: 'Ready to merge: Fix cart' })
    monitor.apply(updated(run('b', { state: 'merged', updatedAt: later(2) }), 'ready_to_merge'))
    monitor.apply(updated(run('a', { state: 'stopped', updatedAt: later(2) }), 'waiting'))
    expect(host.notified).toHaveLength(1)
    expect(host.badge).toBe('')
    monitor.apply(updated(run('g', { state: 'validating', updatedAt: later(3) }), 'running'))
    monitor.setGateFailures([{ runId: 'g', gate: 'close gate' }])
    expect(host.badges.at(-1)).toEqual([{ key: 'gate_failed:g', kind: 'gate_failed', label: 'run g — failed a gate (close gate)', target: { kind: 'run', runId: 'g' } }])
  })

  it('caps the badge text and orders items by urgency', () => {
    expect([0, 1, 9, 10, 250].map(badgeText)).toEqual(['', '1', '9', '9+', '9+'])
    const items = blockedWork([run('x', { state: 'failed' }), run('y', { state: 'waiting' })], () => undefined)
    expect(items.map((i) => i.kind)).toEqual(['question', 'failed'])
  })
})
