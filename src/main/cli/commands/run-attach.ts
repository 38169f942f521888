import type { CliContext } from '../context'

/** Streams a run's terminal to stdout until the agent exits or the user presses Ctrl-C (which only detaches). */
export async function attachTerminal(ctx: CliContext, runId: string): Promise<void> {
  const core = await ctx.openCore()
  const snapshot = await core.client.invoke('terminal.open', { runId })
  ctx.stdout.write(snapshot.scrollback)
  if (!snapshot.live) {
    ctx.stderr.write('\n[flightdeck] the agent is not running; this was its last screen\n')
    return core.close()
  }
  ctx.stderr.write(`\n[flightdeck] attached to ${snapshot.sessionId} (read-only); Ctrl-C detaches\n`)
  await new Promise<void>((resolve) => {
    const unwatch = core.client.watch('terminal', snapshot.sessionId, (message) => {
      if ('data' in message) {
        ctx.stdout.write(message.data, () => void core.client.invoke('terminal.ack', { sessionId: snapshot.sessionId, chars: message.data.length }).catch(() => undefined))
      } else {
        ctx.stderr.write(`\n[flightdeck] the agent exited (code ${message.exit ?? 'unknown'})\n`)
        finish()
      }
    })
    const finish = () => {
      unwatch()
      process.off('SIGINT', finish)
      resolve()
    }
    process.once('SIGINT', finish)
  })
  await core.close()
}
