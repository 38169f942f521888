import type { Core } from '../core/core'

/** What every command needs; the entry supplies real streams, tests capture them. */
export interface CliContext {
  /**
   * Opens the core on the data folder chosen by --home / FLIGHTDECK_HOME. `engine` is for long-lived
   * commands (serve) that drive runs; one-shot commands only read and write.
   */
  openCore(options?: { engine?: boolean }): Promise<Core>
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean }
  /** Folder of the built renderer, for `serve`. */
  rendererDir: string
  /** The environment (agent identity, FLIGHTDECK_*); default process.env. */
  env?: NodeJS.ProcessEnv
}

/** Runs `work` with a core and closes it afterwards. */
export async function withCore<T>(ctx: CliContext, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await ctx.openCore()
  try {
    return await work(core)
  } finally {
    await core.close()
  }
}
