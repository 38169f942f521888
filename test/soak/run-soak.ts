// `npm run soak [-- --agents N] [-- --minutes M]`: N shell agents (default 50) cycling through the whole run loop
// for M minutes (default 20) under the built `flightdeck serve`; figures go to test-results/soak.json. Build first.
import { parseArgs } from 'node:util'
import { writeSoakResults } from './soak-results'
import { soak } from './soak-run'

const { values } = parseArgs({ options: { agents: { type: 'string' }, minutes: { type: 'string' } } })
const report = await soak({ agents: Number(values.agents ?? 50), durationMs: Number(values.minutes ?? 20) * 60_000, sampleMs: 10_000, talkSeconds: 5, browser: true })
const file = writeSoakResults('full', report)
const unbounded = Object.entries(report.growth).filter(([, g]) => !g.bounded)
console.log(`${report.wallSeconds} s, ${report.cycles} runs cycled, ${report.questionsAnswered} questions answered, event-loop lag p99 max ${report.loopP99MaxMs} ms after warm-up (target 20 ms: ${report.loopTargetMet ? 'met' : 'NOT met'})`)
for (const [name, g] of Object.entries(report.growth)) console.log(`  ${name}: ${g.perHour}/h fitted, rise ${g.rise} over the window (allowed ${g.allowed}) ${g.bounded ? 'ok' : 'UNBOUNDED'}`)
for (const p of report.problems) console.log(`  ✗ ${p}`)
console.log(`figures in ${file}`)
process.exit(report.problems.length || unbounded.length || !report.loopTargetMet ? 1 : 0)
