import { describe, expect, it } from 'vitest'
import type { Run } from '../../../shared/domain'
import { type Caps, schedule } from './scheduler'

let n = 0
const run = (over: Partial<Run>): Run =>
  ({ id: `R${++n}`, issueId: `I${n}`, repoId: 'repo', agentProfile: 'claude-code', state: 'queued', createdAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`, ...over }) as Run

const caps = (over: Partial<Caps> = {}): (() => Caps) => () => ({ global: 10, perRepo: 10, perAgent: {}, ...over })

describe('schedule', () => {
  it('starts the most urgent first, then the oldest, within the global cap', () => {
    const low = run({ issueId: 'low' })
    const urgent = run({ issueId: 'urgent' })
    const old = run({ issueId: 'old', createdAt: '2025-01-01T00:00:00Z' })
    const decision = schedule({
      queued: [low, urgent, old],
      active: [run({ state: 'running' })],
      rank: new Map([['low', 3], ['urgent', 0], ['old', 2]]),
      blockedBy: new Map(),
      caps: caps({ global: 3 })
    })
    expect(decision.start.map((r) => r.issueId)).toEqual(['urgent', 'old'])
    expect(decision.waiting.get(low.id)).toMatch(/global concurrency cap \(3\)/)
  })

  it('holds runs whose issue dependencies are not done, naming them', () => {
    const blocked = run({ issueId: 'b' })
    const decision = schedule({ queued: [blocked], active: [], rank: new Map(), blockedBy: new Map([['b', ['I-a', 'I-c']]]), caps: caps() })
    expect(decision.start).toEqual([])
    expect(decision.waiting.get(blocked.id)).toBe('waiting for dependencies: I-a, I-c')
  })

  it('applies per-repo and per-agent caps', () => {
    const a1 = run({ repoId: 'a' })
    const a2 = run({ repoId: 'a' })
    const codex1 = run({ repoId: 'b', agentProfile: 'codex' })
    const codex2 = run({ repoId: 'c', agentProfile: 'codex' })
    const decision = schedule({ queued: [a1, a2, codex1, codex2], active: [], rank: new Map(), blockedBy: new Map(), caps: caps({ perRepo: 1, perAgent: { codex: 1 } }) })
    expect(decision.start.map((r) => r.id)).toEqual([a1.id, codex1.id])
    expect(decision.waiting.get(a2.id)).toMatch(/repository concurrency cap/)
    expect(decision.waiting.get(codex2.id)).toMatch(/codex concurrency cap/)
  })
})
