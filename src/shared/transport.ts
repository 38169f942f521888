import type { CommandInput, CommandName, CommandOutput, EventEnvelope, StreamName, Streams } from './contract'
import type { ErrorData } from './errors'

/** A command's outcome as it crosses a process boundary. */
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorData }

/** What a transport must carry; the renderer, CLI and tests all talk to the core through this. */
export interface Client {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>>
  /** Every committed event, in order; returns the unsubscribe function. */
  subscribe(listener: (event: EventEnvelope) => void): () => void
  /** An ephemeral stream for one key (e.g. a terminal session); returns the unwatch function. */
  watch<S extends StreamName>(stream: S, key: string, listener: (message: Streams[S]) => void): () => void
}

/** What the preload exposes on `window.flightdeck`, and what the WebSocket bridge implements. */
export interface Bridge {
  invoke(name: string, input: unknown): Promise<Outcome>
  subscribe(listener: (event: EventEnvelope) => void): () => void
  watch(stream: string, key: string, listener: (message: unknown) => void): () => void
}

export type ClientMessage =
  | { t: 'invoke'; id: number; name: string; input: unknown }
  | { t: 'watch'; stream: string; key: string }
  | { t: 'unwatch'; stream: string; key: string }

export type ServerMessage =
  | { t: 'result'; id: number; outcome: Outcome }
  | { t: 'event'; event: EventEnvelope }
  | { t: 'stream'; stream: string; key: string; message: unknown }
  | { t: 'hello'; lastEventSeq: number }
