import fs from 'node:fs'
import path from 'node:path'
import type { ChaosOutcome } from './chaos-scenario'

const root = path.resolve(import.meta.dirname, '..', '..')

/** test-results/chaos.json (npm run chaos) or chaos-slice.json (the seeds inside npm test). */
export function writeChaosResults(mode: 'full' | 'slice', outcomes: ChaosOutcome[]): string {
  const file = path.join(root, 'test-results', mode === 'full' ? 'chaos.json' : 'chaos-slice.json')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const by = (k: (o: ChaosOutcome) => string) => outcomes.reduce<Record<string, number>>((m, o) => ((m[k(o)] = (m[k(o)] ?? 0) + 1), m), {})
  const summary = {
    mode,
    finishedAt: new Date().toISOString(),
    seeds: outcomes.length,
    killsSurvived: outcomes.filter((o) => o.killed > 0 && o.problems.length === 0).length,
    killsLanded: outcomes.filter((o) => o.killed > 0).length,
    failures: outcomes.filter((o) => o.problems.length > 0).length,
    byVictim: by((o) => o.victim),
    byPhase: by((o) => `${o.victim}@${o.phase}`),
    byStateAtKill: by((o) => `${o.victim}@${o.stateAtKill}`),
    byFinalState: by((o) => o.finalState),
    outcomes
  }
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n')
  return file
}
