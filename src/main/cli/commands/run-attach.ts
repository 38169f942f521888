import { type TerminalSnapshot, terminalKey } from '../../../shared/contract'
import type { CliContext } from '../context'

/**
 * Streams a run's terminal (its agent's, or a named command's) to stdout until the process exits or the user
 * presses Ctrl-C (which only detaches).
 */
export async function attachTerminal(ctx: CliContext, runId: string, command?: string): Promise<void> {
  const who = command ? `"${command}"` : 'the agent'
  const core = await ctx.openCore()
  const failure = await new Promise<string | undefined>((resolve) => {
    let session: TerminalSnapshot | undefined
    const unwatch = core.client.watch('terminal', terminalKey(runId, command), (message) => {
      if ('snapshot' in message) {
        session = message.snapshot
        ctx.stdout.write(session.scrollback)
        if (!session.live) {
          ctx.stderr.write(`\n[flightdeck] ${who} is not running; this was its last screen\n`)
          return finish()
        }
        ctx.stderr.write(`\n[flightdeck] attached to ${session.sessionId} (read-only); Ctrl-C detaches\n`)
      } else if ('data' in message) {
        const sessionId = session?.sessionId ?? ''
        ctx.stdout.write(message.data, () => void core.client.invoke('terminal.ack', { sessionId, chars: message.data.length }).catch(() => undefined))
      } else if ('error' in message) {
        finish(message.error)
      } else {
        ctx.stderr.write(`\n[flightdeck] ${who} exited (code ${message.exit ?? 'unknown'})\n`)
        finish()
      }
    })
    const finish = (error?: string) => {
      unwatch()
      process.off('SIGINT', detach)
      resolve(error)
    }
    const detach = () => finish()
    process.once('SIGINT', detach)
  })
  await core.close()
  if (failure) throw new Error(failure)
}
