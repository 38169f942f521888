import { createContext, useContext } from 'react'
import type { Host } from '../../../shared/host'
import { createBrowserHost } from './browser-host'
import { createElectronHost } from './electron-host'

/** The Electron host when the preload exposed one, else the browser's. */
export function pickHost(): Host {
  return window.flightdeckHost ? createElectronHost(window.flightdeckHost) : createBrowserHost()
}

export const HostContext = createContext<Host | null>(null)

export function useHost(): Host {
  const host = useContext(HostContext)
  if (!host) throw new Error('HostContext is missing')
  return host
}
