import { describe, expect, it } from 'vitest'
import { workspaceChaos } from './workspace-chaos'

/**
 * The bounded slice of the workspace chaos inside npm test: 20 random sequences of agent writes, checkpoints,
 * rewinds, restarts, forced cleanups and restores on real repos; `npm run chaos` runs 200.
 */
describe('workspace chaos (bounded slice)', () => {
  it('no content the worktree held when Flightdeck acted is ever lost', async () => {
    const { outcomes, failure } = await workspaceChaos(20, 14)
    expect(failure).toBeNull()
    expect(outcomes).toHaveLength(20)
    // The slice exercises every destructive path, not only writes.
    const total = (k: 'checkpoints' | 'rewinds' | 'cleanups' | 'restores') => outcomes.reduce((n, o) => n + o[k], 0)
    expect(total('checkpoints')).toBeGreaterThan(10)
    expect(total('rewinds')).toBeGreaterThan(3)
    expect(total('cleanups')).toBeGreaterThan(3)
    expect(total('restores')).toBeGreaterThan(1)
  }, 60_000)
})
