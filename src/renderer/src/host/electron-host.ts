import type { Host, HostBridge } from '../../../shared/host'

/** The host inside the Electron app: every call goes through the preload to the main process. */
export function createElectronHost(bridge: HostBridge): Host {
  return {
    kind: 'electron',
    notify: (n) => bridge.notify(n),
    setBlockedWork: (items) => bridge.setBlockedWork(items),
    copyText: (text) => bridge.copyText(text),
    openExternal: (url) => bridge.openExternal(url),
    pickDirectory: () => bridge.pickDirectory(),
    onActivate: (listener) => bridge.onActivate(listener),
    // The main process shows native notifications itself; the OS settings have the last word.
    notificationPermission: () => 'granted',
    requestNotificationPermission: async () => 'granted'
  }
}
