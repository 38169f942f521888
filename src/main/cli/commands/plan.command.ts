import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { ApiError } from '../../../shared/errors'
import type { Core } from '../../core/core'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'
import { versionLine } from './plan-format'
import { registerPlanReviewCommands } from './plan-review.command'
import { defaultToActivePlan } from './context.command'

const collect = (value: string, previous: string[] = []) => [...previous, value]

/** A --repo value may be an id, a name or a path; paths are made absolute first. */
async function resolveRepoId(core: Core, ref: string): Promise<string> {
  const absolute = path.resolve(ref)
  const candidate = fs.existsSync(absolute) ? fs.realpathSync(absolute) : ref
  return (await core.client.invoke('repo.get', { ref: candidate }).catch(() => core.client.invoke('repo.get', { ref }))).id
}

export function readFileArg(file: string, flag: string): string {
  const absolute = path.resolve(file)
  if (!fs.existsSync(absolute)) throw new ApiError('invalid_input', `${flag}: no such file: ${absolute}`, flag)
  return fs.readFileSync(absolute, 'utf8')
}

async function generate(core: Core, id: string, ctx: CliContext, asJson?: boolean): Promise<void> {
  const version = await core.client.invoke('plan.generate', { id })
  ctx.stdout.write(asJson ? json(version) : versionLine(version))
}

export function registerPlanCommands(program: Command, ctx: CliContext): void {
  const plan = program.command('plan').description('plans: PRD -> clarifications -> architecture -> decomposition -> issues')

  plan
    .command('create')
    .description('start a plan from a PRD file, for a registered repository or a new one')
    .requiredOption('--prd <file>', 'the PRD (markdown or text)')
    .option('--constraints <file>', 'org constraints (YAML mapping)')
    .option('--repo <repo>', 'target: a registered repository (id, name or path)')
    .option('--new-repo <name>', 'target: create a new local git repository with this name')
    .option('--repos-dir <dir>', 'where --new-repo is created (default $FLIGHTDECK_HOME/repos)')
    .option('--title <title>', 'plan title (default: the PRD heading)')
    .option('--json', 'print the plan as JSON')
    .action(async (opts: { prd: string; constraints?: string; repo?: string; newRepo?: string; reposDir?: string; title?: string; json?: boolean }) => {
      if (Boolean(opts.repo) === Boolean(opts.newRepo)) throw new ApiError('invalid_input', 'give exactly one of --repo R or --new-repo NAME', 'target')
      const prdText = readFileArg(opts.prd, '--prd')
      const orgConstraintsYaml = opts.constraints ? readFileArg(opts.constraints, '--constraints') : ''
      const created = await withCore(ctx, async (core) =>
        core.client.invoke('plan.create', {
          prdText,
          orgConstraintsYaml,
          title: opts.title,
          target: opts.repo ? { kind: 'existing', repoId: await resolveRepoId(core, opts.repo) } : { kind: 'new', name: opts.newRepo as string, parentDir: opts.reposDir ? path.resolve(opts.reposDir) : undefined }
        })
      )
      ctx.stdout.write(opts.json ? json(created) : `created plan ${created.id}: ${created.title}\nnext: flightdeck plan clarify ${created.id}\n`)
    })

  plan
    .command('list')
    .description('list plans, newest first')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const plans = await withCore(ctx, (core) => core.client.invoke('plan.list', {}))
      if (opts.json) return void ctx.stdout.write(json(plans))
      if (plans.length === 0) return void ctx.stdout.write('no plans: flightdeck plan create --prd FILE --repo R\n')
      ctx.stdout.write(table(['ID', 'STATUS', 'VERSION', 'TITLE'], plans.map((p) => [p.id, p.status, String(p.currentVersion), truncate(p.title, 60)])))
    })

  plan
    .command('clarify')
    .description('ask the clarifying questions; with --answer or --accept-defaults, record answers and generate the architecture pack')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .option('--answer <Q=answer>', 'answer a question, e.g. Q2="pay on delivery" (repeatable)', collect)
    .option('--accept-defaults', 'keep the default assumption for every unanswered question and generate')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { answer?: string[]; acceptDefaults?: boolean; json?: boolean }) => {
      await withCore(ctx, async (core) => {
        let current = (await core.client.invoke('plan.get', { id })).plan
        if (current.clarifications.length === 0) current = await core.client.invoke('plan.clarify', { id })
        const answers = (opts.answer ?? []).map((a, i) => {
          const match = /^(Q\d+)=(.*)$/s.exec(a)
          if (!match) throw new ApiError('invalid_input', `--answer ${i + 1}: expected Q<n>=answer, got "${a}"`, 'answer')
          return { questionId: match[1] as string, answer: match[2] as string }
        })
        if (answers.length) current = await core.client.invoke('plan.answer', { id, answers })
        if (!answers.length && !opts.acceptDefaults) {
          if (opts.json) return void ctx.stdout.write(json(current.clarifications))
          for (const q of current.clarifications) {
            ctx.stdout.write(`${q.id}. ${q.question}\n    default: ${q.default_assumption}\n    why: ${q.why_it_matters}\n${q.answer ? `    answer: ${q.answer}\n` : ''}`)
          }
          return void ctx.stdout.write(`answer with --answer Q1=... or keep the defaults with --accept-defaults\n`)
        }
        await generate(core, id, ctx, opts.json)
      })
    })

  plan
    .command('generate')
    .description('generate the architecture pack again from the PRD and the answers (a new version)')
    .argument('[id]', 'plan id (default: the active plan, `flightdeck context set PLAN`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => withCore(ctx, (core) => generate(core, id, ctx, opts.json)))

  registerPlanReviewCommands(plan, ctx)
  defaultToActivePlan(plan, ctx)
}
