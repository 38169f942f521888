import type { Command } from 'commander'
import { type CliContext, withCore } from '../context'
import { json, table } from '../format'

export function registerDoctorCommand(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check this machine: git, agent CLIs, sandbox, keychain, pty host, database, disk')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const checks = await withCore(ctx, (core) => core.client.invoke('system.doctor', {}))
      if (opts.json) return void ctx.stdout.write(json(checks))
      ctx.stdout.write(table(['CHECK', 'STATUS', 'DETAIL'], checks.map((c) => [c.name, c.status, c.fix ? `${c.detail} — fix: ${c.fix}` : c.detail])))
      if (checks.some((c) => c.status === 'fail')) process.exitCode = 1
    })
}
