import { type Command, InvalidArgumentError } from 'commander'
import { startServer } from '../../server/http-server'
import { persistedToken } from '../../server/persisted-token'
import type { CliContext } from '../context'

export const DEFAULT_PORT = 7317

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InvalidArgumentError('a port is a number from 0 to 65535')
  return port
}

export function registerServeCommand(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve the UI in a browser (browser mode)')
    .option('--port <port>', `port (0 picks a free one; default ${DEFAULT_PORT}, or a free one if taken)`, parsePort)
    .option('--host <host>', 'interface to bind; keep the loopback default unless you know why', '127.0.0.1')
    .action(async (opts: { port?: number; host: string }) => {
      const core = await ctx.openCore({ engine: true })
      const token = persistedToken((await core.client.invoke('system.info', {})).home)
      const listen = (port: number) => startServer({ core, rendererDir: ctx.rendererDir, host: opts.host, port, token })
      const server = await listen(opts.port ?? DEFAULT_PORT).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE' && opts.port === undefined) return listen(0)
        throw error
      })
      const info = await core.client.invoke('system.info', {})
      ctx.stdout.write(`Flightdeck ${info.version} (browser mode)\n  open: ${server.url}\n  data: ${info.home}\n`)
      if (!['127.0.0.1', 'localhost', '::1'].includes(opts.host)) {
        ctx.stderr.write(`warning: bound to ${opts.host}: anyone who can reach it and has the token controls your agents\n`)
      }
      const stop = async () => {
        await server.close()
        await core.close({ quitting: true })
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
