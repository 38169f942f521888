// `npm run chaos [-- --seeds N] [-- --from S]`: kill -9 the core, the pty host, an agent (or the command the
// core runs) or the CLI in each phase of a run's story, N seeds (default 200, every pair of phase and victim
// about seven times); figures go to test-results/chaos.json. Build first.
import { parseArgs } from 'node:util'
import { writeChaosResults } from './chaos-results'
import { type ChaosOutcome, chaosOnce } from './chaos-scenario'

const { values } = parseArgs({ options: { seeds: { type: 'string' }, from: { type: 'string' } } })
const count = Number(values.seeds ?? 200)
const from = Number(values.from ?? 1)
const outcomes: ChaosOutcome[] = []
for (let seed = from; seed < from + count; seed++) {
  const o = await chaosOnce(seed)
  outcomes.push(o)
  console.log(`seed ${seed}: kill -9 ${o.victim} in ${o.phase} after ${o.killAfterMs} ms (${o.stateAtKill}, ${o.killed} process(es)) -> ${o.finalState} (attempt ${o.attempts})${o.resumed ? ' after resume' : ''}${o.problems.length ? `  ✗ ${o.problems.join('; ')}` : ''}`)
  writeChaosResults('full', outcomes)
}
const failed = outcomes.filter((o) => o.problems.length)
console.log(`${outcomes.length} seeds, ${outcomes.filter((o) => o.killed).length} kills landed, ${failed.length} failures; figures in test-results/chaos.json`)
process.exit(failed.length ? 1 : 0)
