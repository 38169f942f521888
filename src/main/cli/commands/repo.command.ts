import path from 'node:path'
import type { Command } from 'commander'
import { type CliContext, withCore } from '../context'
import { json, table } from '../format'

export function registerRepoCommands(program: Command, ctx: CliContext): void {
  const repo = program.command('repo').description('registered git repositories')

  repo
    .command('add')
    .description('register an existing git repository')
    .argument('<path>', 'path to the repository (or a folder inside it)')
    .option('--name <name>', 'display name (default: the folder name)')
    .option('--json', 'print the repository as JSON')
    .action(async (dir: string, opts: { name?: string; json?: boolean }) => {
      const added = await withCore(ctx, (core) => core.client.invoke('repo.add', { path: path.resolve(dir), name: opts.name }))
      ctx.stdout.write(opts.json ? json(added) : `registered ${added.name} (${added.id}) at ${added.path}, base branch ${added.defaultBranch}\n`)
    })

  repo
    .command('list')
    .description('list registered repositories')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const repos = await withCore(ctx, (core) => core.client.invoke('repo.list', {}))
      if (opts.json) return void ctx.stdout.write(json(repos))
      if (repos.length === 0) return void ctx.stdout.write('no repositories yet: flightdeck repo add PATH\n')
      ctx.stdout.write(table(['ID', 'NAME', 'BRANCH', 'PATH'], repos.map((r) => [r.id, r.name, r.defaultBranch, r.path])))
    })
}
