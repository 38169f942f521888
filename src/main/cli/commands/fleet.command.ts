import fs from 'node:fs/promises'
import path from 'node:path'
import { type Command, InvalidArgumentError, Option } from 'commander'
import type { FleetDetail, FleetEdge, FleetEntry, FleetImpact } from '../../../shared/contract'
import { type FleetFields, fleetLifecycles } from '../../../shared/contract/fleet'
import { ApiError } from '../../../shared/errors'
import { type CliContext, withCore } from '../context'
import { json, table, truncate } from '../format'

const tier = (v: string) => {
  if (!/^[0-3]$/.test(v)) throw new InvalidArgumentError('criticality is a tier from 0 to 3')
  return Number(v)
}
const positive = (v: string) => {
  if (!/^[1-9][0-9]*$/.test(v)) throw new InvalidArgumentError('a depth is a whole number from 1')
  return Number(v)
}
const collect = (v: string, prev: string[] = []) => [...prev, v]
const link = (v: string, prev: { title: string; url: string }[] = []) => {
  const at = v.indexOf('=')
  if (at < 1) throw new InvalidArgumentError('a link is TITLE=URL')
  return [...prev, { title: v.slice(0, at), url: v.slice(at + 1) }]
}
const FIELDS = ['owners', 'criticality', 'lifecycle', 'tags', 'links', 'dependsOn', 'images'] as const

const tierOf = (c: number | null) => (c === null ? '-' : `T${c}`)
const list = (xs: string[]) => (xs.length ? xs.join(',') : '-')

function describeList(entries: FleetEntry[]): string {
  if (!entries.length) return 'no repositories match (register one: flightdeck repo add PATH)\n'
  return table(
    ['NAME', 'TIER', 'LIFECYCLE', 'OWNERS', 'RUNTIME', 'PACKAGES', 'CI', 'TAGS'],
    entries.map((e) => [e.name, tierOf(e.criticality), e.lifecycle, truncate(list(e.owners), 30), truncate(list(e.runtimes), 24), list(e.packageManagers), truncate(list(e.ci), 30), truncate(list(e.tags), 30)])
  )
}

const edgeRows = (edges: FleetEdge[], other: (e: FleetEdge) => string) => edges.map((e) => [other(e), e.kind, e.name, e.evidence])

function describeShow(d: FleetDetail, names: Map<string, string>): string {
  const e = d.entry
  const head = `${e.name} (${e.repoId}) at ${e.path}\n${tierOf(e.criticality)} ${e.lifecycle}; scanned ${e.scannedHead ? `at ${e.scannedHead.slice(0, 12)} (${e.scannedAt})` : 'never'}\n\n`
  const facts = table(['FIELD', 'VALUE', 'SOURCE'], e.facts.map((f) => [f.field, f.value, f.source]))
  const problems = e.problems.map((p) => `problem: ${p}\n`).join('')
  const deps = d.dependsOn.length ? `\ndepends on:\n${table(['REPO', 'KIND', 'NAMES', 'EVIDENCE'], edgeRows(d.dependsOn, (x) => names.get(x.to) ?? x.to))}` : '\ndepends on no registered repository\n'
  const users = d.dependents.length ? `\nused by:\n${table(['REPO', 'KIND', 'NAMES', 'EVIDENCE'], edgeRows(d.dependents, (x) => names.get(x.from) ?? x.from))}` : '\nno registered repository depends on it\n'
  return head + problems + facts + deps + users
}

function describeImpact(impact: FleetImpact, names: Map<string, string>): string {
  const lines = [`blast radius of ${impact.repo.name}: ${impact.total} repositor${impact.total === 1 ? 'y' : 'ies'} depend on it${impact.truncated ? ' (cut at --depth; more beyond)' : ''}`]
  for (const level of impact.levels) {
    lines.push('', `depth ${level.depth}:`)
    lines.push(
      table(
        ['REPO', 'TIER', 'OWNERS', 'VIA'],
        level.repos.map((r) => [r.name, tierOf(r.criticality), list(r.owners), r.via.map((v) => `${names.get(v.to) ?? v.to} (${v.kind} ${v.name}, ${v.evidence})`).join('; ')])
      ).trimEnd()
    )
  }
  for (const c of impact.cycles) lines.push('', `cycle: ${c.join(' -> ')}`)
  return `${lines.join('\n')}\n`
}

export function registerFleetCommands(program: Command, ctx: CliContext): void {
  const fleet = program.command('fleet').description('the catalog of registered repositories and the dependencies between them')

  fleet
    .command('list')
    .description('every repository with its owners, tier, runtime, package manager, CI and tags')
    .option('--owner <owner>', 'only those this owner owns')
    .option('--tag <tag>', 'only those with this tag')
    .option('--criticality <tier>', 'only this tier (0-3)', tier)
    .addOption(new Option('--lifecycle <state>', 'only this lifecycle').choices([...fleetLifecycles]))
    .option('--json', 'print JSON')
    .action(async (opts: { owner?: string; tag?: string; criticality?: number; lifecycle?: string; json?: boolean }) => {
      const all = await withCore(ctx, (core) => core.client.invoke('fleet.list', {}))
      const entries = all.filter(
        (e) =>
          (!opts.owner || e.owners.includes(opts.owner)) &&
          (!opts.tag || e.tags.includes(opts.tag)) &&
          (opts.criticality === undefined || e.criticality === opts.criticality) &&
          (!opts.lifecycle || e.lifecycle === opts.lifecycle)
      )
      ctx.stdout.write(opts.json ? json(entries) : describeList(entries))
    })

  fleet
    .command('show')
    .description("one repository's facts with their sources, and its edges both ways with their evidence")
    .argument('<repo>', 'repository id, name or path')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const [detail, repos] = await withCore(ctx, async (core) => [await core.client.invoke('fleet.show', { ref }), await core.client.invoke('repo.list', {})] as const)
      ctx.stdout.write(opts.json ? json(detail) : describeShow(detail, new Map(repos.map((r) => [r.id, r.name]))))
    })

  fleet
    .command('set')
    .description("set a repository's catalog values (a value set wins over a detected one; --clear FIELD goes back)")
    .argument('<repo>', 'repository id, name or path')
    .option('--owner <owner>', 'an owner (person or team); repeat for more', collect)
    .option('--criticality <tier>', 'tier 0 (most critical) to 3', tier)
    .addOption(new Option('--lifecycle <state>', 'active or deprecated').choices([...fleetLifecycles]))
    .option('--tag <tag>', 'a tag; repeat for more', collect)
    .option('--link <title=url>', 'a link (runbook, dashboard); repeat for more', link)
    .option('--depends-on <repo>', 'a declared dependency on a registered repository, by name; repeat for more', collect)
    .option('--image <image>', 'a container image this repository builds; repeat for more', collect)
    .addOption(new Option('--clear <field>', 'clear a value set before; repeat for more').choices([...FIELDS]).argParser(collect))
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { owner?: string[]; criticality?: number; lifecycle?: 'active' | 'deprecated'; tag?: string[]; link?: { title: string; url: string }[]; dependsOn?: string[]; image?: string[]; clear?: (typeof FIELDS)[number][]; json?: boolean }) => {
      const fields: FleetFields = { owners: opts.owner, criticality: opts.criticality, lifecycle: opts.lifecycle, tags: opts.tag, links: opts.link, dependsOn: opts.dependsOn, images: opts.image }
      for (const f of opts.clear ?? []) fields[f] = null
      if (Object.values(fields).every((v) => v === undefined)) throw new ApiError('invalid_input', 'name at least one value to set or --clear')
      const entry = await withCore(ctx, (core) => core.client.invoke('fleet.set', { ref, fields }))
      ctx.stdout.write(opts.json ? json(entry) : `${entry.name}: ${tierOf(entry.criticality)} ${entry.lifecycle}, owners ${list(entry.owners)}, tags ${list(entry.tags)}\n`)
    })

  fleet
    .command('import')
    .description("import a catalog file: Flightdeck's own (fleet export) or Backstage catalog-info.yaml documents")
    .argument('<file>', 'a YAML file')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const yaml = await fs.readFile(path.resolve(file), 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new ApiError(error.code === 'ENOENT' ? 'not_found' : 'invalid_input', `cannot read ${file}: ${error.message}`, 'file')
      })
      const out = await withCore(ctx, (core) => core.client.invoke('fleet.import', { yaml, source: path.basename(file) }))
      if (opts.json) return void ctx.stdout.write(json(out))
      ctx.stdout.write(`imported ${out.updated.length} repositor${out.updated.length === 1 ? 'y' : 'ies'}${out.updated.length ? `: ${out.updated.join(', ')}` : ''}\n`)
      if (out.unknown.length) ctx.stdout.write(`not registered (skipped): ${out.unknown.join(', ')}\n`)
    })

  fleet
    .command('export')
    .description('print the values set or imported as a catalog file (fleet import reads it back)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const out = await withCore(ctx, (core) => core.client.invoke('fleet.export', {}))
      ctx.stdout.write(opts.json ? json(out) : out.yaml)
    })

  fleet
    .command('scan')
    .description("read again the repositories' committed files (those whose HEAD moved, or all with --force)")
    .argument('[repo]', 'only this repository')
    .option('--force', 'read every repository, moved or not')
    .option('--json', 'print JSON')
    .action(async (ref: string | undefined, opts: { force?: boolean; json?: boolean }) => {
      const out = await withCore(ctx, (core) => core.client.invoke('fleet.scan', { ref, force: opts.force ?? false }))
      ctx.stdout.write(opts.json ? json(out) : `scanned ${out.scanned}, unchanged ${out.unchanged}\n`)
    })

  fleet
    .command('impact')
    .description('blast radius: every repository that depends on REPO, transitively, by depth, with tier and owners')
    .argument('<repo>', 'repository id, name or path')
    .option('--depth <n>', 'stop after this many levels', positive)
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { depth?: number; json?: boolean }) => {
      const [impact, repos] = await withCore(ctx, async (core) => [await core.client.invoke('fleet.impact', { ref, depth: opts.depth }), await core.client.invoke('repo.list', {})] as const)
      ctx.stdout.write(opts.json ? json(impact) : describeImpact(impact, new Map(repos.map((r) => [r.id, r.name]))))
    })
}
