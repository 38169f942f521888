// `npm run bench`: runs every bench/*.bench.ts (each compares Flightdeck against a raw baseline measured in
// the same run), prints a table, and writes bench-results/results.json. `npm run bench -- worktree` runs one.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const filter = process.argv[2]
const files = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort()

// Paths travel in the environment, not argv: each bench's own "run me directly" check looks at argv[1].
const runner = `
  const { FD_BENCH_FILE: file, FD_BENCH_OUT: out } = process.env
  const { default: run } = await import(file)
  const results = await run()
  ;(await import('node:fs')).writeFileSync(out, JSON.stringify(results))
  process.exit(0)
`
const all = []
let failed = 0
for (const file of files) {
  console.log(`\n=== ${file}`)
  const out = path.join(root, 'bench-results', `${path.basename(file, '.ts')}.json`)
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', runner],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FD_BENCH_FILE: path.join(root, 'bench', file), FD_BENCH_OUT: out } }
  )
  if (result.status !== 0 || !fs.existsSync(out)) {
    console.error(`✗ ${file} did not complete (exit ${result.status})`)
    failed++
    continue
  }
  for (const r of JSON.parse(fs.readFileSync(out, 'utf8'))) all.push({ bench: file, ...r })
}

const fmt = (v) => (v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v))
console.log('\n' + ['BENCH', 'NAME', 'VALUE', 'UNIT', 'BASELINE', 'RATIO', 'TARGET', 'PASS'].join('\t'))
for (const r of all) console.log([r.bench, r.name, fmt(r.value), r.unit, fmt(r.baseline), fmt(r.ratio), r.target ?? '', r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'].join('\t'))
const summary = { at: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, results: all }
fs.writeFileSync(path.join(root, 'bench-results', 'results.json'), JSON.stringify(summary, null, 2))
console.log(`\nwrote bench-results/results.json (${all.length} results${failed ? `, ${failed} bench file(s) failed` : ''})`)
process.exit(failed ? 1 : 0)
