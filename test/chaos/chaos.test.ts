import { describe, expect, it } from 'vitest'
import { writeChaosResults } from './chaos-results'
import { type ChaosOutcome, chaosOnce } from './chaos-scenario'

/**
 * The bounded chaos slice inside npm test (one kill -9 of each victim: the core, the pty host, an agent);
 * `npm run chaos` runs many seeds. Needs the built CLI (npm test builds first).
 */
describe('chaos (bounded slice)', () => {
  it('after kill -9 of the core, the pty host or an agent: nothing committed is lost, the run settles truthfully, nothing lingers', async () => {
    const outcomes: ChaosOutcome[] = []
    for (const seed of [2, 3, 4]) outcomes.push(await chaosOnce(seed))
    const file = writeChaosResults('slice', outcomes)
    expect(outcomes.map((o) => o.victim).sort()).toEqual(['agent', 'core', 'pty-host'])
    expect(outcomes.filter((o) => o.problems.length), `figures in ${file}`).toEqual([])
  }, 240_000)
})
