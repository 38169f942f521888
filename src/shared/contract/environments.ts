import { z } from 'zod'
import { command, topic } from './kit'
import { id } from './schemas'

/** One leased port of a run's worktree and whether something listens on it now. */
export interface LeasedPort {
  port: number
  /** The name it is exposed as: FLIGHTDECK_PORT (and PORT), FLIGHTDECK_PORT_1, ... */
  variable: string
  listening: boolean
}

export const environmentCommands = {
  /** A run's leased ports and which of them are listening (dev servers the agent or setup started). */
  'run.ports': command<LeasedPort[]>()(z.strictObject({ runId: id }))
}

export const environmentTopics = {
  /** A run's port block was leased (base, count) or released (base null). */
  'run.ports': topic<{ runId: string; base: number | null; count: number }>(),
  /** A setup or teardown command of a run's worktree finished; `output` is its tail. */
  'run.environment': topic<{ runId: string; phase: 'setup' | 'teardown'; name: string; status: 'passed' | 'failed'; exitCode: number; output: string }>()
}
