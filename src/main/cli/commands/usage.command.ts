import { type Command, InvalidArgumentError, Option } from 'commander'
import type { BudgetStatus, RunUsage, UsageGroup } from '../../../shared/contract'
import { usageGroupings } from '../../../shared/contract/usage'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'

const amount = (n: string) => {
  const v = Number(n)
  if (!Number.isFinite(v) || v < 0) throw new InvalidArgumentError('a limit is a number from 0')
  return v
}
const int = (n: number) => Math.round(n).toLocaleString('en-US')
const usd = (n: number, unpriced = 0) => `$${n.toFixed(4)}${unpriced ? ` (+${unpriced} unpriced)` : ''}`
const limitOf = (b: BudgetStatus) => (b.hard === null && b.soft === null ? 'no limit' : `soft ${b.soft ?? '-'} / hard ${b.hard ?? '-'}`)

function describeGroups(by: string, groups: UsageGroup[]): string {
  if (!groups.length) return 'no usage recorded yet\n'
  return table(
    [by.toUpperCase(), 'NAME', 'CALLS', 'INPUT', 'OUTPUT', 'CACHE R/W', 'COST'],
    groups.map((g) => [g.key ?? '-', truncate(g.label ?? '', 40), String(g.calls), int(g.inputTokens), int(g.outputTokens), `${int(g.cacheReadTokens)}/${int(g.cacheWriteTokens)}`, usd(g.costUsd, g.unpricedCalls)])
  )
}

function describeRun(u: RunUsage): string {
  const t = u.totals
  const head = `run ${u.runId}: ${t.calls} call(s), ${int(t.tokens)} tokens (in ${int(t.inputTokens)}, out ${int(t.outputTokens)}, cache read ${int(t.cacheReadTokens)}, write ${int(t.cacheWriteTokens)}), ${usd(t.costUsd, t.unpricedCalls)}\n`
  const budgets = table(['BUDGET', 'USED', 'LIMITS', 'STATE'], u.budgets.map((b) => [b.metric, String(b.used), limitOf(b), b.state]))
  return `${head}\n${budgets}`
}

export function registerUsageCommands(program: Command, ctx: CliContext): void {
  program
    .command('usage')
    .description('token and cost usage, by run, issue, repository or day (or one run with --run)')
    .addOption(new Option('--by <grouping>', 'how to group').choices([...usageGroupings]).default('run'))
    .option('--run <run>', "one run's totals and budgets")
    .option('--json', 'print JSON')
    .action(async (opts: { by: (typeof usageGroupings)[number]; run?: string; json?: boolean }) => {
      if (opts.run) {
        const u = await withCore(ctx, (core) => core.client.invoke('usage.forRun', { runId: opts.run! }))
        return void ctx.stdout.write(opts.json ? json(u) : describeRun(u))
      }
      const groups = await withCore(ctx, (core) => core.client.invoke('usage.summary', { by: opts.by }))
      ctx.stdout.write(opts.json ? json(groups) : describeGroups(opts.by, groups))
    })

  program
    .command('budget')
    .description("runs' token, cost and wall-time budgets")
    .command('raise')
    .description("raise a run's hard limits (a new constraint snapshot); a run paused over budget resumes")
    .argument('<run>', 'run id')
    .option('--tokens <n>', 'new hard limit on tokens', amount)
    .option('--cost <usd>', 'new hard limit on cost, in USD', amount)
    .option('--minutes <n>', 'new hard limit on wall time, in minutes', amount)
    .option('--no-resume', 'raise only; leave a paused run paused')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { tokens?: number; cost?: number; minutes?: number; resume: boolean; json?: boolean }) => {
      const out = await withCore(ctx, (core) => core.client.invoke('budget.raise', { runId, tokens: opts.tokens, costUsd: opts.cost, wallMinutes: opts.minutes, resume: opts.resume }))
      if (opts.json) return void ctx.stdout.write(json(out))
      const b = out.budgets
      ctx.stdout.write(`run ${runId}: hard limits now tokens ${b.tokens.hard ?? 'none'}, cost ${b.costUsd.hard ?? 'none'}, minutes ${b.wallMinutes.hard ?? 'none'}; ${out.resumed ? `resumed (${out.run.state})` : `the run is ${out.run.state}`}\n`)
    })
}
