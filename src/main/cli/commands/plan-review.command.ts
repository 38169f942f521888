import type { Command } from 'commander'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'
import { versionLine } from './plan-format'

export function registerPlanReviewCommands(plan: Command, ctx: CliContext): void {
  plan
    .command('show')
    .description('show a plan: status, questions, the current (or a given) architecture version, decomposition, token usage')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .option('--version <n>', 'show this version of the architecture pack', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { version?: number; json?: boolean }) => {
      await withCore(ctx, async (core) => {
        if (opts.version !== undefined) {
          const v = await core.client.invoke('plan.version', { id, version: opts.version })
          return void ctx.stdout.write(opts.json ? json(v) : versionLine(v))
        }
        const d = await core.client.invoke('plan.get', { id })
        if (opts.json) return void ctx.stdout.write(json(d))
        const out = [`${d.plan.title}`, `id: ${d.plan.id}   status: ${d.plan.status}   version: ${d.plan.currentVersion}`]
        if (d.plan.summary) out.push(d.plan.summary)
        for (const q of d.plan.clarifications) out.push(`${q.id}. ${q.question} -> ${q.answer ?? `(default) ${q.default_assumption}`}`)
        if (d.current) {
          out.push(versionLine(d.current).trimEnd())
          for (const c of d.current.pack.architecture.components) out.push(`  [${c.type}] ${c.id}: ${truncate(c.responsibility, 80)}`)
        }
        if (d.decomposition) {
          const s = d.decomposition.report.stats
          out.push(`decomposition: ${s.items} items, complexity ${s.complexity}, ${d.decomposition.report.errors.length} errors, ${d.decomposition.report.warnings.length} warnings`)
          for (const p of [...d.decomposition.report.errors, ...d.decomposition.report.warnings]) out.push(`  ${p.severity}: ${p.message}`)
        }
        out.push(`tokens: ${d.usage.inputTokens} in, ${d.usage.outputTokens} out over ${d.usage.calls} calls`)
        ctx.stdout.write(`${out.join('\n')}\n`)
      })
    })

  plan
    .command('refine')
    .description('send a refinement message; the reply streams; --accept takes its proposed revision as a new version')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .requiredOption('--message <text>', 'what to change or ask')
    .option('--accept', 'accept the proposed revision, if any')
    .action(async (id: string, opts: { message: string; accept?: boolean }) => {
      await withCore(ctx, async (core) => {
        const unwatch = core.client.watch('planChat', id, (m) => 'delta' in m && ctx.stdout.write(m.delta))
        const reply = await core.client.invoke('plan.chat', { id, message: opts.message }).finally(unwatch)
        ctx.stdout.write('\n')
        if (!reply.proposal) return void ctx.stdout.write('(no revision proposed)\n')
        ctx.stdout.write(`proposed revision: ${reply.proposal.summary}\n`)
        if (!opts.accept) return void ctx.stdout.write(`accept it with: flightdeck plan refine ${id} --message ... --accept, or in the app\n`)
        ctx.stdout.write(versionLine(await core.client.invoke('plan.acceptProposal', { id, messageId: reply.id })))
      })
    })

  plan
    .command('diff')
    .description('components, relationships and requirements changed between two versions')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .requiredOption('--from <n>', 'older version', (v) => Number(v))
    .requiredOption('--to <n>', 'newer version', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { from: number; to: number; json?: boolean }) => {
      const d = await withCore(ctx, (core) => core.client.invoke('plan.diff', { id, from: opts.from, to: opts.to }))
      if (opts.json) return void ctx.stdout.write(json(d))
      const lines = [
        ...d.components.added.map((c) => `+ component ${c.id} (${c.type})`),
        ...d.components.removed.map((c) => `- component ${c.id}`),
        ...d.components.changed.map((c) => `~ component ${c.after.id}`),
        ...d.relationships.added.map((r) => `+ ${r.from} -${r.kind}-> ${r.to}`),
        ...d.relationships.removed.map((r) => `- ${r.from} -${r.kind}-> ${r.to}`),
        ...d.relationships.changed.map((r) => `~ ${r.after.from} -${r.before.kind}/${r.after.kind}-> ${r.after.to}`),
        ...d.requirements.added.map((r) => `+ ${r.id}`),
        ...d.requirements.removed.map((r) => `- ${r.id}`),
        ...d.requirements.changed.map((r) => `~ ${r.after.id}`)
      ]
      ctx.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'no changes\n')
    })

  plan
    .command('decompose')
    .description('break the current architecture into small, validated work items')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const d = await withCore(ctx, (core) => core.client.invoke('plan.decompose', { id }))
      if (opts.json) return void ctx.stdout.write(json(d))
      ctx.stdout.write(table(['KEY', 'CATEGORY', 'SIZE', 'COMPONENT', 'DEPENDS ON', 'TITLE'], d.items.map((i) => [i.key, i.category, i.size, i.component, i.depends_on.join(',') || '-', truncate(i.title, 60)])))
      for (const p of [...d.report.errors, ...d.report.warnings]) ctx.stdout.write(`${p.severity}: ${p.message}\n`)
      ctx.stdout.write(`${d.report.stats.items} items, complexity ${d.report.stats.complexity}${d.report.ok ? `; approve with: flightdeck plan approve ${id}` : ''}\n`)
    })

  plan
    .command('approve')
    .description('approve the decomposition: creates one issue per work item (with its briefing and dependencies)')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { issues } = await withCore(ctx, (core) => core.client.invoke('plan.approve', { id }))
      ctx.stdout.write(opts.json ? json(issues) : `created ${issues.length} issues\n`)
    })

  plan
    .command('export')
    .description('write architecture_pack.json, its summary and diagram, and the decomposition plan under the plan folder')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .action(async (id: string) => {
      const { files } = await withCore(ctx, (core) => core.client.invoke('plan.export', { id }))
      ctx.stdout.write(`${files.join('\n')}\n`)
    })

  plan
    .command('sync-github')
    .description('create or update the approved issues on GitHub (idempotent); token: secret github.token or GITHUB_TOKEN')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .requiredOption('--owner <owner>', 'GitHub user or organization')
    .requiredOption('--repo <repo>', 'GitHub repository name')
    .option('--base-url <url>', 'GitHub API root (Enterprise)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { owner: string; repo: string; baseUrl?: string; json?: boolean }) => {
      const r = await withCore(ctx, (core) => core.client.invoke('plan.syncGithub', { id, owner: opts.owner, repo: opts.repo, baseUrl: opts.baseUrl }))
      ctx.stdout.write(opts.json ? json(r) : `${r.created} created, ${r.updated} updated, ${r.issues.length} linked\n`)
    })
}
