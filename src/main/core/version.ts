/** Replaced at build time by electron-vite's `define`; tests run from source and see the fallback. */
declare const __FLIGHTDECK_VERSION__: string | undefined

export const version = typeof __FLIGHTDECK_VERSION__ === 'string' ? __FLIGHTDECK_VERSION__ : '0.0.0-dev'
