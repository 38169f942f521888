import { describe, expect, it } from 'vitest'
import { writeSoakResults } from './soak-results'
import { soak } from './soak-run'

/**
 * The short soak inside npm test: 6 agents round the whole loop for 75 s under the built `flightdeck serve`
 * with the board open in Chromium; `npm run soak` runs 50 agents for longer. Needs the built CLI.
 */
describe('soak (short)', () => {
  it('keeps memory, descriptors and the WAL bounded and the event loop responsive while agents cycle', async () => {
    const report = await soak({ agents: 6, durationMs: 75_000, sampleMs: 3_000, talkSeconds: 2, browser: true })
    const file = writeSoakResults('slice', report)
    expect(report.problems, `figures in ${file}`).toEqual([])
    expect(report.cycles, `figures in ${file}`).toBeGreaterThanOrEqual(8)
    expect(report.questionsAnswered).toBeGreaterThanOrEqual(report.cycles)
    for (const [name, g] of Object.entries(report.growth)) expect(g.bounded, `${name} rose ${g.rise} (allowed ${g.allowed}); figures in ${file}`).toBe(true)
    // The 20 ms target (LOOP_TARGET_MS) is reported in the figures and enforced by `npm run soak`; on two shared
    // cores the figure is noisy (see README), so here the bound is the regression guard: no stall of a tenth of a second.
    expect(report.loopP99MaxMs, `figures in ${file}`).toBeLessThan(100)
  }, 180_000)
})
