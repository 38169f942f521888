import { z } from 'zod'
import { command, topic } from './kit'

/** One line of `flightdeck doctor`: what was checked, how it stands, and what to do about it. */
export interface DoctorCheck {
  name: string
  status: 'ok' | 'warn' | 'fail'
  detail: string
  fix: string | null
}

export const sandboxCommands = {
  /** Checks the machine: git, agent CLIs, sandbox support, keychain, pty host, database, disk. */
  'system.doctor': command<DoctorCheck[]>()(z.strictObject({}))
}

/** How an agent session was started: confined (mode, network, tool) or not, and why. */
export type Confinement = { mode: 'workspace' | 'readonly'; network: 'on' | 'off' | 'allow-list'; tool: 'bwrap' | 'sandbox-exec' } | { mode: 'off'; reason: string }

export const sandboxTopics = {
  /** A run's session started, confined or not (and why not). */
  'run.confined': topic<{ runId: string; confinement: Confinement }>(),
  /** An agent tried an operator's action (answer, override, merge, settings...) through its channel. */
  'agent.refused': topic<{ runId: string; what: string }>(),
  /** The egress proxy of a run with a network allow-list refused a destination (or its relay a token). */
  'agent.egress_refused': topic<{ runId: string; host: string; port: number; reason: string }>()
}
