import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { runStates } from '../../../shared/domain'
import { loadPolicy, POLICY_FILE } from '../../core/policy/load-policy'
import { policyExample } from '../../core/policy/policy-example'
import { type CliContext, withCore } from '../context'
import { json, table } from '../format'
import { landingState } from './queue.command'
import { runHeaders, runRow } from './run.command'

/** A folder given by path, else a registered repository's folder (not_found names the ref otherwise). */
async function policyRoot(ctx: CliContext, ref: string): Promise<string> {
  const absolute = path.resolve(ref)
  if (fs.existsSync(absolute)) return absolute
  return (await withCore(ctx, (core) => core.client.invoke('repo.get', { ref }))).path
}

/** merge, cleanup, status, agents and policy: the operator's commands around runs. */
export function registerOpsCommands(program: Command, ctx: CliContext): void {
  program
    .command('merge')
    .description("queue a ready run to land: rebased onto its base, checked again and merged in turn (see queue list)")
    .argument('<run>', 'run id')
    .option('--now', 'merge directly instead (refused unless the branch is up to date with its base)')
    .option('--squash', 'with --now: one squashed commit instead of a merge commit')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { now?: boolean; squash?: boolean; json?: boolean }) => {
      await withCore(ctx, async (core) => {
        if (opts.now) {
          const merged = await core.client.invoke('run.merge', { id, strategy: opts.squash ? 'squash' : undefined })
          return void ctx.stdout.write(opts.json ? json(merged) : `${merged.detail ?? 'merged'}\n`)
        }
        const entry = await core.client.invoke('landing.enqueue', { runId: id })
        const run = await core.client.invoke('run.get', { id })
        if (opts.json) return void ctx.stdout.write(json({ run, landing: entry }))
        ctx.stdout.write(run.state === 'queued_to_land' ? `queued to land (${landingState(run, entry)}${entry.reason ? `: ${entry.reason}` : ''})\n` : `${run.state}: ${run.detail ?? ''}\n`)
      })
    })

  program
    .command('cleanup')
    .description("remove a run's worktree; refuses to lose uncommitted or unmerged work without --force")
    .argument('<run>', 'run id')
    .option('--delete-branch', 'delete the branch too (kept by default)')
    .option('--keep-branch', 'keep the branch (the default)')
    .option('--force', 'remove even with uncommitted or unmerged work (saved to a snapshot ref first; run restore brings it back)')
    .action(async (id: string, opts: { deleteBranch?: boolean; force?: boolean }) => {
      const result = await withCore(ctx, (core) => core.client.invoke('run.cleanup', { id, keepBranch: !opts.deleteBranch, force: opts.force ?? false }))
      ctx.stdout.write(`${result.removedWorktree ? 'removed the worktree' : 'no worktree to remove'}; ${result.deletedBranch ? 'deleted the branch' : 'kept the branch'}\n`)
      const s = result.snapshot
      if (s) ctx.stdout.write(`discarded ${s.files.length} uncommitted file(s)${s.files.length ? ` (${s.files.slice(0, 10).join(', ')}${s.files.length > 10 ? ', ...' : ''})` : ''}; all of it is saved on ${s.ref}\nbring it back: flightdeck run restore ${id} --snapshot ${s.n}\n`)
    })

  program
    .command('status')
    .description('runs by state, and the runs that need you')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const [runs, queue] = await withCore(ctx, (core) => Promise.all([core.client.invoke('run.list', {}), core.client.invoke('landing.list', {})]))
      const landing = new Map(queue.entries.map((e) => [e.runId, e]))
      const counts = Object.fromEntries(runStates.map((s) => [s, runs.filter((r) => r.state === s).length]))
      const blocked = runs.filter((r) => landing.get(r.id)?.status === 'blocked')
      const attention = runs.filter((r) => r.state === 'waiting' || r.state === 'failed' || r.state === 'lost' || r.activity === 'needs_input' || blocked.includes(r))
      if (opts.json) return void ctx.stdout.write(json({ counts, blockedToLand: blocked.length, attention, landing: queue }))
      const rows = runStates.filter((s) => counts[s]).map((s) => [s, String(counts[s])])
      if (blocked.length) rows.push(['(of which blocked: conflict or failed checks)', String(blocked.length)])
      ctx.stdout.write(table(['STATE', 'RUNS'], rows))
      if (queue.entries.length) ctx.stdout.write(`\nlanding queue: ${queue.entries.filter((e) => e.position).length} in line${queue.paused.length ? ' (paused)' : ''}\n`)
      ctx.stdout.write(attention.length ? `\nneeds attention:\n${table(runHeaders, attention.map((r) => runRow(r, landing)))}` : '\nnothing needs attention\n')
    })

  program
    .command('agents')
    .description('agent profiles and whether each is installed')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const agents = await withCore(ctx, (core) => core.client.invoke('agent.list', {}))
      if (opts.json) return void ctx.stdout.write(json(agents))
      ctx.stdout.write(table(['NAME', 'INSTALLED', 'STATUS FROM', 'COMMAND'], agents.map((a) => [a.name, a.installed ? 'yes' : 'no', a.status, a.path ?? a.command])))
    })

  const policy = program.command('policy').description('the repository policy (.flightdeck/policy.json)')
  policy
    .command('init')
    .description('write a commented example policy into a repository')
    .argument('[repo]', 'repository path', '.')
    .option('--force', 'overwrite an existing policy')
    .action((repo: string, opts: { force?: boolean }) => {
      const file = path.join(path.resolve(repo), POLICY_FILE)
      if (fs.existsSync(file) && !opts.force) throw new Error(`${file} already exists (use --force to overwrite)`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, policyExample)
      ctx.stdout.write(`wrote ${file}\n`)
    })
  policy
    .command('validate')
    .description('check a repository policy and print the effective settings')
    .argument('[repo]', 'a folder, or a registered repository by name or id', '.')
    .option('--json', 'print the effective policy as JSON')
    .action(async (repo: string, opts: { json?: boolean }) => {
      const loaded = await loadPolicy(await policyRoot(ctx, repo))
      ctx.stdout.write(opts.json ? json(loaded.policy) : `${loaded.file ?? 'no policy file: the defaults apply'} is valid\n`)
    })
}
