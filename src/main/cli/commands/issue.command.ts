import fs from 'node:fs'
import path from 'node:path'
import { type Command, Option } from 'commander'
import { issuePriorities, issueStatuses, issueTypes } from '../../../shared/domain'
import type { IssueStatus } from '../../../shared/domain'
import type { Core } from '../../core/core'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'
import { readActiveContext } from '../../core/governance/active-context'
import { contextRepoId } from './context.command'

const collect = (value: string, previous: string[] = []) => [...previous, value]

/** A --repo value may be an id, a name or a path; paths are made absolute first. */
async function resolveRepoId(core: Core, ref: string): Promise<string> {
  const absolute = path.resolve(ref)
  const candidate = fs.existsSync(absolute) ? fs.realpathSync(absolute) : ref
  return (await core.client.invoke('repo.get', { ref: candidate }).catch(() => core.client.invoke('repo.get', { ref }))).id
}

export function registerIssueCommands(program: Command, ctx: CliContext): void {
  const issue = program.command('issue').description('issues: the units of work agents run on')

  issue
    .command('create')
    .description('create an issue (it starts in planning)')
    .option('--repo <repo>', 'repository id, name or path (default: the active context)')
    .requiredOption('--title <title>', 'one-line title')
    .option('--body <body>', 'description (markdown)', '')
    .addOption(new Option('--priority <priority>', 'priority').choices(issuePriorities).default('medium'))
    .addOption(new Option('--type <type>', 'kind of work').choices(issueTypes).default('feature'))
    .option('--ac <criterion>', 'an acceptance criterion (repeatable)', collect)
    .option('--label <label>', 'a label (repeatable)', collect)
    .option('--depends-on <id>', 'an issue that must be done first (repeatable)', collect)
    .option('--json', 'print the issue as JSON')
    .action(async (opts: { repo?: string; title: string; body: string; priority: (typeof issuePriorities)[number]; type: (typeof issueTypes)[number]; ac?: string[]; label?: string[]; dependsOn?: string[]; json?: boolean }) => {
      const created = await withCore(ctx, async (core) =>
        core.client.invoke('issue.create', {
          repoId: await contextRepoId(core, opts.repo),
          title: opts.title,
          body: opts.body,
          priority: opts.priority,
          type: opts.type,
          acceptanceCriteria: opts.ac ?? [],
          labels: opts.label ?? [],
          dependsOn: opts.dependsOn ?? []
        })
      )
      ctx.stdout.write(opts.json ? json(created) : `created ${created.id}: ${created.title} [${created.status}]\n`)
    })

  issue
    .command('edit')
    .description('change an issue: only the options given change; a title, body or dependency change writes a new briefing version')
    .argument('<id>', 'issue id')
    .option('--title <title>', 'new title')
    .option('--body <body>', 'new description (markdown)')
    .addOption(new Option('--priority <priority>', 'new priority').choices(issuePriorities))
    .option('--ac <criterion>', 'an acceptance criterion (repeatable; replaces the list)', collect)
    .option('--label <label>', 'a label (repeatable; replaces the labels)', collect)
    .option('--no-labels', 'remove every label')
    .option('--depends-on <id>', 'an issue that must be done first (repeatable; replaces the dependencies)', collect)
    .option('--no-depends-on', 'remove every dependency')
    .option('--json', 'print the issue as JSON')
    .action(async (id: string, opts: { title?: string; body?: string; priority?: (typeof issuePriorities)[number]; ac?: string[]; label?: string[]; labels?: boolean; dependsOn?: string[] | false; json?: boolean }) => {
      const edited = await withCore(ctx, (core) =>
        core.client.invoke('issue.update', {
          id,
          title: opts.title,
          body: opts.body,
          priority: opts.priority,
          acceptanceCriteria: opts.ac,
          labels: opts.labels === false ? [] : opts.label,
          dependsOn: opts.dependsOn === false ? [] : opts.dependsOn
        })
      )
      ctx.stdout.write(opts.json ? json(edited) : `updated ${edited.id}: ${edited.title} [${edited.priority}]\n`)
    })

  issue
    .command('list')
    .description('list issues, newest first')
    .option('--repo <repo>', 'only this repository (id, name or path)')
    .addOption(new Option('--status <status>', 'only this status').choices(issueStatuses))
    .option('--json', 'print JSON')
    .action(async (opts: { repo?: string; status?: IssueStatus; json?: boolean }) => {
      const issues = await withCore(ctx, async (core) =>
        core.client.invoke('issue.list', {
          repoId: opts.repo ? await resolveRepoId(core, opts.repo) : (readActiveContext(core.services.system.info().home).repo?.id ?? undefined),
          status: opts.status
        })
      )
      if (opts.json) return void ctx.stdout.write(json(issues))
      if (issues.length === 0) return void ctx.stdout.write('no issues: flightdeck issue create --repo R --title T\n')
      ctx.stdout.write(
        table(['ID', 'STATUS', 'PRIORITY', 'TITLE'], issues.map((i) => [i.id, i.status, i.priority, truncate(i.title, 70)]))
      )
    })

  issue
    .command('show')
    .description('show one issue')
    .argument('<id>', 'issue id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const { found, deps } = await withCore(ctx, async (core) => {
        const issue = await core.client.invoke('issue.get', { id })
        const titles = await Promise.all(issue.dependsOn.map((d) => core.client.invoke('issue.get', { id: d }).then((i) => `${i.title} (${d})`, () => d)))
        return { found: issue, deps: titles }
      })
      if (opts.json) return void ctx.stdout.write(json(found))
      const lines = [
        `${found.title}`,
        `id: ${found.id}   status: ${found.status}   priority: ${found.priority}   type: ${found.type}`,
        found.labels.length ? `labels: ${found.labels.join(', ')}` : '',
        deps.length ? `depends on: ${deps.join(', ')}` : '',
        found.body ? `\n${found.body}` : '',
        found.acceptanceCriteria.length ? `\nacceptance criteria:\n${found.acceptanceCriteria.map((c) => `  - ${c}`).join('\n')}` : ''
      ]
      ctx.stdout.write(`${lines.filter(Boolean).join('\n')}\n`)
    })
}
