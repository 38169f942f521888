import fs from 'node:fs'
import path from 'node:path'
import type { SoakReport } from './soak-run'

const root = path.resolve(import.meta.dirname, '..', '..')

/** test-results/soak.json (npm run soak) or soak-slice.json (the short soak inside npm test). */
export function writeSoakResults(mode: 'full' | 'slice', report: SoakReport): string {
  const file = path.join(root, 'test-results', mode === 'full' ? 'soak.json' : 'soak-slice.json')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ mode, finishedAt: new Date().toISOString(), ...report }, null, 2) + '\n')
  return file
}
