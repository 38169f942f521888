// `npm run chaos [-- --seeds N] [-- --from S] [-- --suite kills|workspaces] [-- --sequences N]`: kill -9 the
// core, the pty host, an agent (or the command the core runs) or the CLI in each phase of a run's story, N seeds
// (default 200, every pair of phase and victim about seven times); then 200 random workspace sequences (agent
// writes, checkpoints, rewinds, restarts, forced cleanups, restores). Figures go to test-results/chaos*.json.
// Build first.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { writeChaosResults } from './chaos-results'
import { type ChaosOutcome, chaosOnce } from './chaos-scenario'
import { workspaceChaos } from './workspace-chaos'

const { values } = parseArgs({ options: { seeds: { type: 'string' }, from: { type: 'string' }, suite: { type: 'string' }, sequences: { type: 'string' } } })
const count = Number(values.seeds ?? 200)
const from = Number(values.from ?? 1)
const suite = values.suite ?? 'all'
let failures = 0
if (suite === 'all' || suite === 'kills') {
  const outcomes: ChaosOutcome[] = []
  for (let seed = from; seed < from + count; seed++) {
    const o = await chaosOnce(seed)
    outcomes.push(o)
    console.log(`seed ${seed}: kill -9 ${o.victim} in ${o.phase} after ${o.killAfterMs} ms (${o.stateAtKill}, ${o.killed} process(es)) -> ${o.finalState} (attempt ${o.attempts})${o.resumed ? ' after resume' : ''}${o.problems.length ? `  ✗ ${o.problems.join('; ')}` : ''}`)
    writeChaosResults('full', outcomes)
  }
  const failed = outcomes.filter((o) => o.problems.length)
  failures += failed.length
  console.log(`${outcomes.length} seeds, ${outcomes.filter((o) => o.killed).length} kills landed, ${failed.length} failures; figures in test-results/chaos.json`)
}
if (suite === 'all' || suite === 'workspaces') {
  const started = Date.now()
  const { outcomes, failure } = await workspaceChaos(Number(values.sequences ?? 200), from, (i, o) => {
    console.log(`sequence ${i + 1}: ${o.steps} steps, ${o.checkpoints} checkpoints, ${o.rewinds} rewinds, ${o.cleanups} cleanups, ${o.restores} restores, ${o.contents} contents${o.lost.length ? `  ✗ lost ${o.lost.join('; ')}` : ''}`)
  })
  const sum = (k: 'steps' | 'checkpoints' | 'rewinds' | 'cleanups' | 'restores' | 'contents') => outcomes.reduce((n, o) => n + o[k], 0)
  const summary = { finishedAt: new Date().toISOString(), seed: from, sequences: outcomes.length, seconds: Math.round((Date.now() - started) / 1000), steps: sum('steps'), checkpoints: sum('checkpoints'), rewinds: sum('rewinds'), cleanups: sum('cleanups'), restores: sum('restores'), contents: sum('contents'), failure }
  const file = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'chaos-workspaces.json')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n')
  if (failure) failures++
  console.log(`${outcomes.length} workspace sequences, ${failure ? `FAILED:\n${failure}` : 'no content lost'}; figures in ${file}`)
}
process.exit(failures ? 1 : 0)
