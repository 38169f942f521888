#!/usr/bin/env node
// The `flightdeck` command: runs the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs'

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(entry)) {
  console.error('flightdeck is not built yet: run `npm run build` (or `npm start`, which builds first).')
  process.exit(1)
}
await import(entry.href)
