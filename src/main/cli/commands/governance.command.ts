import { type Command, CommanderError, Option } from 'commander'
import { violationStatuses } from '../../../shared/domain'
import type { ViolationStatus } from '../../../shared/domain'
import { type CliContext, withCore } from '../context'
import { json } from '../format'
import { contextRepoId } from './context.command'
import { describeDoctrine, violationTable } from './governance-format'

export function registerGovernanceCommands(program: Command, ctx: CliContext): void {
  program
    .command('violations')
    .description('governance violations')
    .command('list')
    .description('violations of a run (--run) or a repository (--repo, default: the active context)')
    .option('--run <id>', 'only this run')
    .option('--repo <repo>', 'repository id, name or path')
    .addOption(new Option('--status <status>', 'only this status').choices(violationStatuses))
    .option('--json', 'print JSON')
    .action(async (opts: { run?: string; repo?: string; status?: ViolationStatus; json?: boolean }) => {
      const list = await withCore(ctx, async (core) => core.client.invoke('violation.list', { runId: opts.run, repoId: opts.run && !opts.repo ? undefined : await contextRepoId(core, opts.repo), status: opts.status }))
      ctx.stdout.write(opts.json ? json(list) : violationTable(list))
    })

  program
    .command('violation')
    .description('one governance violation')
    .command('override')
    .description('let a violation through; the reason is recorded in the event log')
    .argument('<id>', 'violation id')
    .requiredOption('--reason <text>', 'why it may go through')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { reason: string; json?: boolean }) => {
      const v = await withCore(ctx, (core) => core.client.invoke('violation.override', { id, reason: opts.reason }))
      ctx.stdout.write(opts.json ? json(v) : `overridden ${v.id}: ${v.message}\nreason: ${v.overrideReason}\n`)
    })

  const doctrine = program.command('doctrine').description("a repository's ADRs and rules")
  doctrine
    .command('list')
    .option('--repo <repo>', 'repository id, name or path (default: the active context)')
    .option('--json', 'print JSON')
    .action(async (opts: { repo?: string; json?: boolean }) => {
      const d = await withCore(ctx, async (core) => core.client.invoke('doctrine.list', { repoId: await contextRepoId(core, opts.repo) }))
      ctx.stdout.write(opts.json ? json(d) : describeDoctrine(d))
    })
  doctrine
    .command('check')
    .description('check changes against the doctrine: the working tree, or --diff BASE..HEAD; exits 1 on a blocking violation')
    .option('--repo <repo>', 'repository id, name or path (default: the active context)')
    .option('--diff <range>', 'a revision range, e.g. main..feature')
    .option('--json', 'print JSON')
    .action(async (opts: { repo?: string; diff?: string; json?: boolean }) => {
      const found = await withCore(ctx, async (core) => core.client.invoke('doctrine.check', { repoId: await contextRepoId(core, opts.repo), range: opts.diff }))
      ctx.stdout.write(opts.json ? json(found) : violationTable(found))
      if (found.some((v) => v.blocking)) throw new CommanderError(1, 'flightdeck.blockingViolations', '')
    })
}
