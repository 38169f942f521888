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

/** A named command of a run's worktree (policy environment.commands) and its latest session. */
export interface RunCommandInfo {
  name: string
  argv: string[]
  /** running: its process lives; exited: it ended (exitCode, when it was seen); idle: never started. */
  state: 'idle' | 'running' | 'exited'
  sessionId: string | null
  exitCode: number | null
  startedAt: string | null
  endedAt: string | null
}

/** What the worktree's setup and teardown printed (the tails of their logs). */
export interface RunEnvironmentLog {
  setup: string
  teardown: string
}

const commandName = z.string().regex(/^[A-Za-z0-9][\w.-]{0,39}$/, 'must be a command name from the policy (environment.commands)')
const runCommandRef = z.strictObject({ runId: id, name: commandName })

export const environmentCommands = {
  /** A run's leased ports and which of them are listening (dev servers the agent or setup started). */
  'run.ports': command<LeasedPort[]>()(z.strictObject({ runId: id })),
  /** The named commands the run's policy offers, each with its latest session. */
  'run.command.list': command<RunCommandInfo[]>()(z.strictObject({ runId: id })),
  /**
   * Starts a named command in the run's worktree, in a terminal of its own (watch the `terminal` stream with
   * key `terminalKey(runId, name)`), with the run's ports in its environment; refused while it already runs.
   */
  'run.command.start': command<RunCommandInfo>()(runCommandRef),
  /** Stops a running named command (its whole process group). */
  'run.command.stop': command<RunCommandInfo>()(runCommandRef),
  /** The output of the worktree's setup and teardown commands so far. */
  'run.environment.log': command<RunEnvironmentLog>()(z.strictObject({ runId: id }))
}

export const environmentTopics = {
  /** A run's port block was leased (base, count) or released (base null). */
  'run.ports': topic<{ runId: string; base: number | null; count: number }>(),
  /** A setup or teardown command of a run's worktree finished; `output` is its tail. */
  /** A named command of a run started or ended. */
  'run.command': topic<{ runId: string; name: string; sessionId: string; state: 'running' | 'exited'; exitCode: number | null }>(),
  'run.environment': topic<{ runId: string; phase: 'setup' | 'teardown'; name: string; status: 'passed' | 'failed'; exitCode: number; output: string }>()
}
