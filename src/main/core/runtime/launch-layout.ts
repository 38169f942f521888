import path from 'node:path'
import type { PtyHostCommand } from '../sessions/pty-host.client'
import type { NodeCommand } from './node-command'

/**
 * Where Flightdeck's built entries are and what runs them. Three layouts, one shape:
 * - `node`: a checkout or an npm install; Node runs out/main/cli.js (the CLI, `serve`, tests).
 * - `electron-dev`: `npm start` opened Electron on the checkout; Electron's binary runs the same files as Node.
 * - `packaged`: an installed app; its own binary runs resources/app/out/main/*.js as Node. There is no `node`
 *   and no `flightdeck` on PATH there, so agents' hooks and MCP server must be started this way.
 */
export interface LaunchLayout {
  kind: 'node' | 'electron-dev' | 'packaged'
  /** The folder holding cli.js, pty-host.js and the worker (out/main). */
  mainDir: string
  /** How agents' hooks and MCP server run the CLI. */
  cli: NodeCommand
  /** How the detached pty host is started. */
  ptyHost: PtyHostCommand
}

const runAsNode = { ELECTRON_RUN_AS_NODE: '1' }

function layout(kind: LaunchLayout['kind'], execPath: string, mainDir: string, env: Record<string, string>): LaunchLayout {
  return {
    kind,
    mainDir,
    cli: { argv: [execPath, path.join(mainDir, 'cli.js')], env },
    ptyHost: { execPath, args: [path.join(mainDir, 'pty-host.js')], env }
  }
}

/** Node running the built bundle from `mainDir` (out/main). */
export function nodeLayout(mainDir: string, execPath = process.execPath): LaunchLayout {
  return layout('node', execPath, mainDir, {})
}

/**
 * Electron's main process: `execPath` is Electron's binary (npm start) or the app's (packaged), and the app's
 * files are plain files under `appPath` (the packaged app is built with asar off, so a detached child and a
 * worker thread can load them as Node does).
 */
export function electronLayout(opts: { execPath: string; appPath: string; isPackaged: boolean }): LaunchLayout {
  return layout(opts.isPackaged ? 'packaged' : 'electron-dev', opts.execPath, path.join(opts.appPath, 'out', 'main'), runAsNode)
}
