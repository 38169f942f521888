import { describe, expect, it } from 'vitest'
import { writeChaosResults } from './chaos-results'
import { type ChaosOutcome, chaosOnce } from './chaos-scenario'

/**
 * The bounded chaos slice inside npm test: one kill -9 in each phase of a run's story (start, preparing, running,
 * waiting on a question, validating, landing, cleanup), each of the four victims (the core, the pty host, the
 * agent or the command the core runs, the CLI) at least once. `npm run chaos` runs 200 seeds, every pair of
 * phase and victim. Needs the built CLI (npm test builds first).
 */
describe('chaos (bounded slice)', () => {
  it('after kill -9 in any phase of the core, the pty host, an agent or the CLI: nothing committed is lost, the run resumes and lands, nothing lingers', async () => {
    const outcomes: ChaosOutcome[] = []
    for (const seed of [0, 8, 16, 24, 4, 19, 6]) outcomes.push(await chaosOnce(seed))
    const file = writeChaosResults('slice', outcomes)
    expect(new Set(outcomes.map((o) => o.phase)).size).toBe(7)
    expect(new Set(outcomes.map((o) => o.victim)).size).toBe(4)
    expect(outcomes.filter((o) => o.problems.length), `figures in ${file}`).toEqual([])
  }, 420_000)
})
