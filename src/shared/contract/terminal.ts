import { z } from 'zod'
import type { PlanChatStreamMessage } from '../domain'
import { command } from './kit'
import { id } from './schemas'

const sessionId = z.string().regex(/^[\w.-]{1,128}$/, 'must be a session id')
const size = z.number().int().min(2).max(1_000)

export interface TerminalSnapshot {
  sessionId: string
  /** The serialized screen and scrollback: write it to a fresh terminal, then stream data. */
  scrollback: string
  cols: number
  rows: number
  /** False once the agent's process has ended (the scrollback is its last state). */
  live: boolean
}

/**
 * The key of a terminal stream: a run's agent (`RUN`) or one of its named commands (`RUN/NAME`, see
 * run.command.start). Run ids and command names never hold a slash.
 */
export const terminalKey = (runId: string, command?: string): string => (command ? `${runId}/${command}` : runId)

export function parseTerminalKey(key: string): { runId: string; command?: string } {
  const slash = key.indexOf('/')
  return slash < 0 ? { runId: key } : { runId: key.slice(0, slash), command: key.slice(slash + 1) }
}

export const terminalCommands = {
  /** The run's terminal history (or a named command's, see run.command.start), once (to follow it live, watch the `terminal` stream of the run instead). */
  'terminal.open': command<TerminalSnapshot>()(z.strictObject({ runId: id, command: z.string().regex(/^[A-Za-z0-9][\w.-]{0,39}$/, 'must be a command name from the policy (environment.commands)').optional() })),
  /** Type into the agent's terminal. */
  // clientId + seq make input idempotent: a frame re-sent after a reconnect (its answer was lost) is written once.
  'terminal.input': command<{ ok: true }>()(z.strictObject({ sessionId, data: z.string().min(1).max(65_536), clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(), seq: z.number().int().positive().optional() })),
  /** Follow the viewer's size. */
  'terminal.resize': command<{ ok: true }>()(z.strictObject({ sessionId, cols: size, rows: size })),
  /** Flow control: the viewer's terminal has parsed this many more characters. */
  'terminal.ack': command<{ ok: true }>()(z.strictObject({ sessionId, chars: z.number().int().min(1).max(10_000_000) }))
}

/** Ephemeral, unpersisted streams (not events): a client watches one key at a time per stream. */
export interface Streams {
  /**
   * A run's terminal (key: run id): first its history as a snapshot, then exactly the output that followed it,
   * then its end. A snapshot that is not live ends the stream; after a reconnect a new snapshot replaces the screen.
   */
  terminal: { snapshot: TerminalSnapshot } | { data: string } | { exit: number | null } | { error: string }
  /** A plan's refinement chat reply as it streams (key: plan id). */
  planChat: PlanChatStreamMessage
}
export type StreamName = keyof Streams
