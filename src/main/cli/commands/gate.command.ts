import { type Command, CommanderError, Option } from 'commander'
import { type CliContext, withCore } from '../context'
import { json } from '../format'
import { describeGate } from './governance-format'

export function registerGateCommands(program: Command, ctx: CliContext): void {
  program
    .command('gate')
    .description('start and close gates')
    .command('check')
    .description("evaluate a run's gate now (with its latest reviews) and record it; exits 1 when it fails")
    .argument('<run>', 'run id')
    .addOption(new Option('--gate <gate>', 'which gate').choices(['start', 'close']).default('close'))
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { gate: 'start' | 'close'; json?: boolean }) => {
      const g = await withCore(ctx, (core) => core.client.invoke('gate.check', { runId, gate: opts.gate }))
      ctx.stdout.write(opts.json ? json(g) : describeGate(g))
      if (!g.passed) throw new CommanderError(1, 'flightdeck.gateFailed', '')
    })
}
