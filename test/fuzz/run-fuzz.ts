// `npm run fuzz [-- --seed N] [-- --slice]`: the full fuzz run; figures go to test-results/fuzz.json.
import { parseArgs } from 'node:util'
import { runFuzz } from './harness'
import { writeResults } from './results'

const { values } = parseArgs({ options: { seed: { type: 'string' }, slice: { type: 'boolean' } } })
const seed = Number(values.seed ?? Date.now() % 100_000)
const mode = values.slice ? 'slice' : 'full'
console.log(`fuzz (${mode}), seed ${seed}`)
const results = await runFuzz(mode, seed, (line) => console.log(`  ${line}`))
const file = writeResults(mode, seed, results)
const bad = results.filter((r) => r.crashes || r.untypedErrors || r.partialWrites)
for (const r of bad) for (const e of r.examples) console.log(`  ✗ ${r.target} ${e}`)
console.log(`${results.reduce((n, r) => n + r.inputs, 0)} inputs; figures in ${file}`)
process.exit(bad.length ? 1 : 0)
