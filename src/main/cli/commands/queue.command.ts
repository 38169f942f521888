import type { Command } from 'commander'
import type { LandingEntry, LandingQueue } from '../../../shared/contract'
import type { Run } from '../../../shared/domain'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'

/** A run's state as the operator needs it: in line (and where), blocked, or back with its agent. */
export function landingState(run: Run, entry: LandingEntry | undefined): string {
  if (!entry) return run.state
  if (entry.status === 'blocked') return entry.conflictFiles.length ? 'blocked: conflict' : 'blocked'
  if (entry.status === 'landing') return `landing (${entry.step ?? 'starting'})`
  if (entry.status === 'queued') return `queued_to_land #${entry.position ?? '?'}`
  if (entry.status === 'pull_request') return 'queued_to_land: pull request'
  return run.state
}

function entryRow(e: LandingEntry): string[] {
  const status = e.status === 'landing' ? `landing: ${e.step ?? 'starting'}` : e.status
  return [e.position ? String(e.position) : '—', e.runId, status, String(e.attempts), truncate(e.issueTitle, 40), truncate(e.reason ?? '', 60)]
}

function printQueue(ctx: CliContext, queue: LandingQueue): void {
  if (queue.paused.length) ctx.stdout.write(`paused: ${queue.paused.join(', ')}\n`)
  if (queue.entries.length === 0) return void ctx.stdout.write('the landing queue is empty: flightdeck merge RUN queues a ready run\n')
  ctx.stdout.write(table(['#', 'RUN', 'STATUS', 'ATTEMPTS', 'ISSUE', 'REASON'], queue.entries.map(entryRow)))
}

/** `queue list|pause|resume|remove`: the landing queue that `merge RUN` feeds. */
export function registerQueueCommands(program: Command, ctx: CliContext): void {
  const queue = program.command('queue').description('the landing queue: ready runs are rebased onto their base, checked again and merged in turn')

  queue
    .command('list')
    .description('entries in landing order, with each one’s step and reason')
    .option('--repo <id>', 'one repository')
    .option('--json', 'print JSON')
    .action(async (opts: { repo?: string; json?: boolean }) => {
      const listed = await withCore(ctx, (core) => core.client.invoke('landing.list', { repoId: opts.repo }))
      if (opts.json) return void ctx.stdout.write(json(listed))
      printQueue(ctx, listed)
    })

  for (const [name, description] of [
    ['pause', 'stop landing (a landing in progress finishes); every repository unless --repo'],
    ['resume', 'land again; every repository unless --repo']
  ] as const) {
    queue
      .command(name)
      .description(description)
      .option('--repo <id>', 'one repository')
      .option('--json', 'print JSON')
      .action(async (opts: { repo?: string; json?: boolean }) => {
        const after = await withCore(ctx, (core) => core.client.invoke(`landing.${name}`, { repoId: opts.repo }))
        if (opts.json) return void ctx.stdout.write(json(after))
        ctx.stdout.write(after.paused.length ? `paused: ${after.paused.join(', ')}\n` : 'the landing queue is running\n')
      })
  }

  queue
    .command('remove')
    .description('take a run out of the queue; it is ready to merge again')
    .argument('<run>', 'run id')
    .option('--json', 'print the run as JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const run = await withCore(ctx, (core) => core.client.invoke('landing.remove', { runId }))
      ctx.stdout.write(opts.json ? json(run) : `run ${run.id} is ${run.state} again\n`)
    })
}
