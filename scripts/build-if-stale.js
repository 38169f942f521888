// Runs `electron-vite build` when out/ is missing or older than the sources, so `npm start` is one command.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs)
  }
  return newest
}

export function buildIfStale(root) {
  const stamp = path.join(root, 'out', 'renderer', 'index.html')
  const sources = Math.max(newestMtime(path.join(root, 'src')), fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs)
  if (fs.existsSync(stamp) && fs.existsSync(path.join(root, 'out', 'main', 'cli.js')) && fs.statSync(stamp).mtimeMs >= sources) return
  console.log('flightdeck: building…')
  const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('the build failed (see above)')
}
