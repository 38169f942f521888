// `npm test`: every check CI runs, in order, stopping at the first failure.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file)

const steps = [
  ['import direction (dependency-cruiser)', bin('dependency-cruiser', 'bin/dependency-cruise.mjs'), ['src', '--config', '.dependency-cruiser.cjs']],
  ['type-check: node (main, preload, core, shared, tests)', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.node.json', '--noEmit']],
  ['type-check: web (renderer, shared)', bin('typescript', 'bin/tsc'), ['-p', 'tsconfig.web.json', '--noEmit']],
  ['build (electron-vite)', bin('electron-vite', 'bin/electron-vite.js'), ['build']],
  ['unit and integration tests (vitest)', bin('vitest', 'vitest.mjs'), ['run']],
  ['end-to-end tests (Playwright, Chromium)', bin('@playwright/test', 'cli.js'), ['test', '-c', 'test/e2e/playwright.config.ts']]
]

const only = process.argv[2]
const started = Date.now()
for (const [name, script, args] of steps) {
  if (only && !name.includes(only)) continue
  console.log(`\n=== ${name}`)
  const t0 = Date.now()
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status || 1)
  }
  console.log(`✓ ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}
console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
