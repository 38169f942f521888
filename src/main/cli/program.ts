import { Command, CommanderError } from 'commander'
import { ApiError } from '../../shared/errors'
import { version } from '../core/version'
import { registerIssueCommands } from './commands/issue.command'
import { registerOpsCommands } from './commands/ops.command'
import { registerPlanCommands } from './commands/plan.command'
import { registerRepoCommands } from './commands/repo.command'
import { registerSecretCommands } from './commands/secret.command'
import { registerSettingsCommands } from './commands/settings.command'
import { registerRunCommands } from './commands/run.command'
import { registerForumCommands } from './commands/forum.command'
import { registerContextCommands } from './commands/context.command'
import { registerGateCommands } from './commands/gate.command'
import { registerGovernanceCommands } from './commands/governance.command'
import { registerReviewCommands } from './commands/review.command'
import { registerMcpCommand } from './commands/mcp.command'
import { registerServeCommand } from './commands/serve.command'
import { registerDoctorCommand } from './commands/doctor.command'
import { refuseOperatorCommand } from './agent-identity'
import { registerQueueCommands } from './commands/queue.command'
import { registerUsageCommands } from './commands/usage.command'
import { registerHostCommands } from './commands/host.command'
import { registerFleetCommands } from './commands/fleet.command'
import type { CliContext } from './context'

export function createProgram(ctx: CliContext): Command {
  const program = new Command('flightdeck')
    .description('Flightdeck: a command center for a local fleet of coding agents')
    .version(version)
    .option('--home <dir>', 'data folder (default: $FLIGHTDECK_HOME or ~/.flightdeck)')
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) })
    .exitOverride()
  registerRepoCommands(program, ctx)
  registerIssueCommands(program, ctx)
  registerRunCommands(program, ctx)
  registerOpsCommands(program, ctx)
  registerQueueCommands(program, ctx)
  registerHostCommands(program, ctx)
  registerForumCommands(program, ctx)
  registerMcpCommand(program, ctx)
  registerPlanCommands(program, ctx)
  registerSecretCommands(program, ctx)
  registerSettingsCommands(program, ctx)
  registerContextCommands(program, ctx)
  registerGovernanceCommands(program, ctx)
  registerReviewCommands(program, ctx)
  registerGateCommands(program, ctx)
  registerDoctorCommand(program, ctx)
  registerUsageCommands(program, ctx)
  registerFleetCommands(program, ctx)
  registerServeCommand(program, ctx)
  return program
}

/** Runs the CLI; returns the exit code instead of exiting so tests can call it in-process. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = createProgram(ctx)
  try {
    await refuseOperatorCommand(argv, ctx.env ?? process.env)
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      // Our commands end with their own verdict (`flightdeck.gateFailed` exits 1); every error commander
      // raises itself is about the command line (unknown option, bad choice, missing value, an argument
      // parser's InvalidArgumentError), so invalid input: 2. --help and --version end with 0.
      if (error.exitCode === 0 || error.code.startsWith('flightdeck.')) return error.exitCode
      return 2
    }
    if (error instanceof ApiError) {
      ctx.stderr.write(`error (${error.code}): ${error.message}\n`)
      return error.code === 'invalid_input' ? 2 : 1
    }
    ctx.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
