import os from 'node:os'
import path from 'node:path'

/** Where the CLI and browser mode keep data: $FLIGHTDECK_HOME, or ~/.flightdeck. */
export function defaultHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.FLIGHTDECK_HOME || path.join(os.homedir(), '.flightdeck'))
}

export function databasePath(home: string): string {
  return path.join(home, 'flightdeck.db')
}
