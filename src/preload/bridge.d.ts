import type { HostBridge } from '../shared/host'
import type { Bridge } from '../shared/transport'

declare global {
  interface Window {
    /** Present only inside the Electron app; browser mode talks WebSocket instead. */
    flightdeck?: Bridge
    /** The host port's Electron side (tray, notifications, clipboard, shell, dialogs); Electron only. */
    flightdeckHost?: HostBridge
  }
}
