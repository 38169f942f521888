import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { defaultHome } from '../core/paths'
import { electronLayout, nodeLayout } from '../core/runtime/launch-layout'
import { agentSignalFastPath } from './agent-signal'

// This file is the CLI's bundle entry (out/main/cli.js), so import.meta.url locates its siblings.
const mainDir = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(mainDir, '..', 'renderer')
// Run by Electron's binary as Node (a packaged app's hooks and MCP server, or `npm start`), the CLI starts
// the pty host and its own callbacks the same way, so they work where there is no `node` on PATH.
const layout = process.versions.electron
  ? electronLayout({ execPath: process.execPath, appPath: path.resolve(mainDir, '..', '..'), isPackaged: !/node_modules[\\/]electron[\\/]/.test(process.execPath) })
  : nodeLayout(mainDir)
const argv = process.argv.slice(2)

function homeFromArgv(): string {
  const i = argv.indexOf('--home')
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--home='))?.slice('--home='.length)
  return value ? defaultHome({ FLIGHTDECK_HOME: value }) : defaultHome()
}

// An agent's hook answered without loading the rest; everything else loads the whole CLI.
const fast = await agentSignalFastPath(argv, process.env, process.stdin, process.stderr)
if (fast !== undefined) {
  process.exitCode = fast
} else {
  const [{ runCli }, { openRuntime }] = await Promise.all([import('./program'), import('../core/runtime/runtime')])
  // No process.exit on success: `serve` keeps running; other commands end when their work is done.
  process.exitCode = await runCli(argv, {
    openCore: (options) => openRuntime({ home: homeFromArgv(), layout, engine: options?.engine ?? false }),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    rendererDir
  })
}
