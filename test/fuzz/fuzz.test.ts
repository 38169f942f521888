import { describe, expect, it } from 'vitest'
import { runFuzz } from './harness'
import { writeResults } from './results'

/** The bounded slice of the fuzz suite that `npm test` runs; `npm run fuzz` runs the full budget. */
describe('fuzz (bounded slice)', () => {
  it('answers every generated input with a result or a typed error, and stays consistent', async () => {
    // A fixed seed keeps npm test repeatable; `npm run fuzz` draws a new one every run.
    const seed = Number(process.env.FUZZ_SEED ?? 20_261_202)
    const results = await runFuzz('slice', seed)
    const file = writeResults('slice', seed, results)
    const failures = results.filter((r) => r.crashes || r.untypedErrors || r.partialWrites)
    expect(failures.flatMap((r) => r.examples), `seed ${seed}; figures in ${file}; replay with FUZZ_SEED=${seed}`).toEqual([])
    expect(results.reduce((n, r) => n + r.inputs, 0)).toBeGreaterThan(4_000)
  }, 120_000)
})
