import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Core } from '../core/core'
import { defaultHome } from '../core/paths'
import { electronLayout } from '../core/runtime/launch-layout'
import { openRuntime } from '../core/runtime/runtime'
import type { DesktopPort, IpcSender } from './desktop-port'
import { deepLinkFromArgv, windowUrlFor } from './deep-links'
import { attachIpcTransport } from './ipc-transport'

export interface DesktopApp {
  core: Core
  home: string
  /** The page the window loads; IPC from any other frame is refused. */
  rendererUrl: string
  /** Whether an IPC message comes from the app's own page in its main frame (every handler checks it). */
  isAppFrame(sender: IpcSender): boolean
  /** Shows the view a `flightdeck://` link names; false (and nothing shown) for a link that names none. */
  openDeepLink(url: string): boolean
  /** `quitting`: the user quit the app, so each repository policy's onQuit applies to running agents. */
  close(options: { quitting: boolean }): Promise<void>
}

/** Same document, ignoring the hash and query the app's router may add. */
function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a)
    const y = new URL(b)
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname
  } catch {
    return false
  }
}

/**
 * The desktop app's main process, minus Electron itself: the same runtime `serve` starts (engine, pty host,
 * scheduler, forum and SLA engine, event feed), served over IPC to the app's own window only.
 * `argv`: the command line, which may carry a `flightdeck://` deep link to open.
 * `env`: FLIGHTDECK_HOME shares the CLI's data folder; ELECTRON_RENDERER_URL is electron-vite's dev server.
 */
export async function startDesktopApp(port: DesktopPort, env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): Promise<DesktopApp> {
  const home = env.FLIGHTDECK_HOME ? defaultHome(env) : port.userDataPath
  const layout = electronLayout({ execPath: port.execPath, appPath: port.appPath, isPackaged: port.isPackaged })
  const core = await openRuntime({ home, layout, engine: true })
  const outDir = path.join(port.appPath, 'out')
  const rendererUrl = env.ELECTRON_RENDERER_URL || pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href
  const trusted = (sender: IpcSender) => sender.isMainFrame && sameDocument(sender.frameUrl, rendererUrl)
  const detach = attachIpcTransport(core, port.ipc, trusted)
  // Started by a deep link (Linux, Windows pass it on the command line): the window opens on its view.
  port.openWindow(windowUrlFor(rendererUrl, deepLinkFromArgv(argv)), path.join(outDir, 'preload', 'index.cjs'))
  let closing: Promise<void> | undefined
  return {
    core,
    home,
    rendererUrl,
    isAppFrame: trusted,
    openDeepLink(url) {
      const target = windowUrlFor(rendererUrl, url)
      if (target === rendererUrl) return false
      port.showUrl(target)
      return true
    },
    close(options) {
      closing ??= (async () => {
        detach()
        await core.close({ quitting: options.quitting })
      })()
      return closing
    }
  }
}
