import { type Command, InvalidArgumentError } from 'commander'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'

const whole = (min: number) => (v: string) => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a checkpoint number is a whole number from ${min}`)
  return n
}

/** `run checkpoints`, `run checkpoint-diff`, `run rewind`: the worktree's state after each agent turn. */
export function registerCheckpointCommands(run: Command, ctx: CliContext): void {
  run
    .command('checkpoints')
    .description("the run's checkpoints, one per agent turn (refs/flightdeck/checkpoints/<run>/<n>)")
    .argument('<id>', 'run id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const list = await withCore(ctx, (core) => core.client.invoke('run.checkpoints', { id }))
      if (opts.json) return void ctx.stdout.write(json(list))
      if (list.length === 0) return void ctx.stdout.write(`run ${id} has no checkpoints yet (one is taken after each agent turn that changed files)\n`)
      const rows = list.map((c) => [String(c.n), new Date(c.at).toISOString().replace('T', ' ').slice(0, 19), String(c.filesChanged), truncate(c.prompt ?? '—', 60)])
      ctx.stdout.write(table(['N', 'TIME', 'FILES', 'PROMPT'], rows))
    })

  run
    .command('checkpoint-diff')
    .description('the diff between two checkpoints (0: the worktree HEAD before the first)')
    .argument('<id>', 'run id')
    .argument('<from>', 'older checkpoint', whole(0))
    .argument('<to>', 'newer checkpoint', whole(0))
    .action(async (id: string, from: number, to: number) => {
      ctx.stdout.write((await withCore(ctx, (core) => core.client.invoke('run.checkpointDiff', { id, from, to }))).diff)
    })

  run
    .command('rewind')
    .description("set the worktree's files to checkpoint N; what it holds now is saved to a snapshot first (run restore undoes it)")
    .argument('<id>', 'run id')
    .argument('<n>', 'checkpoint number', whole(1))
    .action(async (id: string, n: number) => {
      const r = await withCore(ctx, (core) => core.client.invoke('run.rewind', { id, n }))
      const later = r.laterCommits > 0 ? `${r.laterCommits} branch commit(s) after the checkpoint stay; their changes show as uncommitted reverts\n` : ''
      const told = r.briefingVersion === null ? '' : `the agent's briefing is now v${r.briefingVersion}\n`
      ctx.stdout.write(`rewound to checkpoint ${n}: ${r.files.length} file(s) changed\n${later}${told}undo: flightdeck run restore ${id} --snapshot ${r.saved.n}\n`)
    })
}
