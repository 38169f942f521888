import fs from 'node:fs'
import type { Command } from 'commander'
import { type CliContext, withCore } from '../context'
import { json } from '../format'
import { describeReview } from './governance-format'

export function registerReviewCommands(program: Command, ctx: CliContext): void {
  const review = program.command('review').description('the AI grader: plan and completion reviews of a run')
  review
    .command('plan')
    .argument('<run>', 'run id')
    .option('--plan-file <file>', "the plan to review (default: the run's briefing)")
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { planFile?: string; json?: boolean }) => {
      const plan = opts.planFile ? fs.readFileSync(opts.planFile, 'utf8') : undefined
      const r = await withCore(ctx, (core) => core.client.invoke('review.plan', { runId, plan }))
      ctx.stdout.write(opts.json ? json(r) : `${describeReview(r)}\n`)
    })
  review
    .command('completion')
    .argument('<run>', 'run id')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const r = await withCore(ctx, (core) => core.client.invoke('review.completion', { runId }))
      ctx.stdout.write(opts.json ? json(r) : `${describeReview(r)}\n`)
    })
  review
    .command('report')
    .description("every review of a run, oldest first")
    .argument('<run>', 'run id')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { json?: boolean }) => {
      const list = await withCore(ctx, (core) => core.client.invoke('review.list', { runId }))
      if (opts.json) return void ctx.stdout.write(json(list))
      ctx.stdout.write(list.length ? `${list.map(describeReview).join('\n\n')}\n` : 'no reviews yet: flightdeck review plan RUN\n')
    })

}
