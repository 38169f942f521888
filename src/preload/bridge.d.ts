import type { Bridge } from '../shared/transport'

declare global {
  interface Window {
    /** Present only inside the Electron app; browser mode talks WebSocket instead. */
    flightdeck?: Bridge
  }
}
