import { readFileSync } from 'node:fs'

/** Replaced at build time by electron-vite's `define`; from source (tests, tsx) it is read from package.json. */
declare const __FLIGHTDECK_VERSION__: string | undefined

function sourceVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version
  } catch {
    return '0.0.0-dev'
  }
}

/** The same in the built bundle and in source, so a core from source and a built pty host agree on their build. */
export const version = typeof __FLIGHTDECK_VERSION__ === 'string' ? __FLIGHTDECK_VERSION__ : sourceVersion()
