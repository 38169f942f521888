import type { StreamName, Streams } from '../../shared/contract'

/** Starts delivering one key of a stream to a listener; resolves to the function that stops it. */
export type StreamSource<S extends StreamName> = (key: string, listener: (message: Streams[S]) => void) => Promise<() => void> | (() => void)

/**
 * The ephemeral streams (terminal output, plan chat deltas) the transports carry. Each area registers its
 * source once; transports only ever ask the registry, so a new stream needs no transport change.
 */
export class StreamRegistry {
  private readonly sources = new Map<StreamName, StreamSource<StreamName>>()

  register<S extends StreamName>(name: S, source: StreamSource<S>): void {
    this.sources.set(name, source as unknown as StreamSource<StreamName>)
  }

  has(name: string): name is StreamName {
    return this.sources.has(name as StreamName)
  }

  async watch<S extends StreamName>(name: S, key: string, listener: (message: Streams[S]) => void): Promise<() => void> {
    const source = this.sources.get(name)
    if (!source) throw new Error(`unknown stream ${name}`)
    return source(key, listener as (message: Streams[StreamName]) => void)
  }
}
