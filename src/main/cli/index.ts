import { fileURLToPath } from 'node:url'
import { createCore } from '../core/core'
import { defaultHome } from '../core/paths'
import { runCli } from './program'

// This file is the CLI's bundle entry (out/main/cli.js), so import.meta.url locates its siblings.
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
const ptyHost = { execPath: process.execPath, args: [fileURLToPath(new URL('./pty-host.js', import.meta.url))] }
const cliCommand = [process.execPath, fileURLToPath(import.meta.url)]
const argv = process.argv.slice(2)

function homeFromArgv(): string {
  const i = argv.indexOf('--home')
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--home='))?.slice('--home='.length)
  return value ? defaultHome({ FLIGHTDECK_HOME: value }) : defaultHome()
}

// No process.exit on success: `serve` keeps running; other commands end when their work is done.
process.exitCode = await runCli(argv, {
  openCore: (options) => createCore({ home: homeFromArgv(), ptyHost, cliCommand, engine: options?.engine }),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  rendererDir
})
