import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { ApiError } from '../../../shared/errors'
import type { Core } from '../../core/core'
import { clearActiveContext, readActiveContext, writeActiveContext } from '../../core/governance/active-context'
import { type CliContext, withCore } from '../context'
import { json } from '../format'

async function findRepo(core: Core, ref: string) {
  const absolute = path.resolve(ref)
  const candidate = fs.existsSync(absolute) ? fs.realpathSync(absolute) : ref
  return core.client.invoke('repo.get', { ref: candidate }).catch(() => core.client.invoke('repo.get', { ref }))
}

/** The repository a command works on: --repo when given, else the active context, else a clear error. */
export async function contextRepoId(core: Core, explicit: string | undefined): Promise<string> {
  if (explicit) return (await findRepo(core, explicit)).id
  const { repo } = readActiveContext(core.services.system.info().home)
  if (!repo) throw new ApiError('invalid_input', 'no repository: pass --repo, or set a default with `flightdeck context set REPO`', 'repo')
  return repo.id
}

/** A plan by id (`plan.get` answers the plan with its versions: the plan itself is `.plan`). */
async function findPlan(core: Core, ref: string): Promise<{ id: string; title: string } | null> {
  const detail = await core.client.invoke('plan.get', { id: ref }).catch(() => null)
  return detail ? { id: detail.plan.id, title: detail.plan.title } : null
}

/**
 * Plan commands take `[id]`; when it is left out, the active plan (`context set PLAN`) fills it in before
 * the action runs, so every plan command reads the context the same way.
 */
export function defaultToActivePlan(plan: Command, ctx: CliContext): void {
  plan.hook('preAction', async (_plan, action) => {
    if (action.registeredArguments[0]?.name() !== 'id' || action.processedArgs[0] !== undefined) return
    const active = await withCore(ctx, async (core) => readActiveContext(core.services.system.info().home).plan)
    if (!active) throw new ApiError('invalid_input', 'no plan: pass its id, or set a default with `flightdeck context set PLAN`', 'id')
    action.processedArgs[0] = active.id
  })
}

export function registerContextCommands(program: Command, ctx: CliContext): void {
  const context = program.command('context').description('the active context: the default repository (and plan) for commands that take --repo')

  context
    .command('set')
    .description('make a repository (id, name or path) or a plan (id) the default')
    .argument('<ref>', 'repository id, name or path, or a plan id')
    .action(async (ref: string) => {
      await withCore(ctx, async (core) => {
        const home = core.services.system.info().home
        const current = readActiveContext(home)
        const repo = await findRepo(core, ref).catch(() => null)
        const plan = repo ? null : await findPlan(core, ref)
        if (!repo && !plan) throw new ApiError('not_found', `no repository or plan matches ${ref}`, 'ref')
        const next = repo ? { ...current, repo: { id: repo.id, name: repo.name } } : { ...current, plan }
        writeActiveContext(home, { ...next, setAt: new Date().toISOString() })
        ctx.stdout.write(repo ? `active repository: ${repo.name} (${repo.id})\n` : `active plan: ${plan?.title} (${plan?.id})\n`)
      })
    })

  context
    .command('show')
    .description('print the active context')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withCore(ctx, async (core) => {
        const active = readActiveContext(core.services.system.info().home)
        if (opts.json) return void ctx.stdout.write(json(active))
        ctx.stdout.write(`repository: ${active.repo ? `${active.repo.name} (${active.repo.id})` : '(none)'}\nplan: ${active.plan ? `${active.plan.title} (${active.plan.id})` : '(none)'}\n`)
      })
    })

  context
    .command('clear')
    .description('forget the active context')
    .action(async () => {
      await withCore(ctx, async (core) => clearActiveContext(core.services.system.info().home))
      ctx.stdout.write('active context cleared\n')
    })
}
