import { z } from 'zod'
import type { Settings } from '../domain'
import { command, topic } from './kit'

export const settingsCommands = {
  /** The user's settings, with defaults for anything never set. */
  'settings.get': command<Settings>()(z.strictObject({})),
  /** Replace some top-level settings; the whole result is validated before anything is written. */
  'settings.update': command<Settings>()(z.strictObject({ patch: z.record(z.string(), z.unknown()) }))
}

export const settingsTopics = {
  /** Settings changed. */
  'settings.updated': topic<{ settings: Settings }>()
}
