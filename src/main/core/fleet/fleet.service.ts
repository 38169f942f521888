import type { FleetDetail, FleetEdge, FleetEntry, FleetFields, FleetImpact } from '../../../shared/contract/fleet'
import type { Repo } from '../../../shared/domain'
import { ApiError } from '../../../shared/errors'
import { now } from '../ids'
import { findRepo, listRepos } from '../repos/repo.repository'
import type { Store } from '../store'
import type { GitRunner } from '../workspaces/git-runner'
import { parseCatalogFile, writeCatalogFile } from './catalog-file'
import type { DetectedFacts } from './detect'
import { toFleetEntry, toGraphNode } from './fleet-entry'
import { blastRadius, buildEdges, type GraphNode } from './fleet-graph'
import { headOf, scanRepo } from './fleet-scan'
import { type FleetRecord, type FleetSources, getFleetRecord, listFleetRecords, saveFields, saveScan } from './fleet.repository'

/** How many repositories are read at once (git runs in child processes; the machine may have few cores). */
const SCAN_CONCURRENCY = 8

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

/** The fleet catalog and dependency graph over the registered repositories. */
export class FleetService {
  constructor(
    private readonly store: Store,
    private readonly git: GitRunner
  ) {}

  /** Reads again every repository (or the one named) whose HEAD moved since its last scan, or all with `force`. */
  async scan(input: { ref?: string; force?: boolean } = {}): Promise<{ scanned: number; unchanged: number }> {
    const repos = input.ref ? [await this.repo(input.ref)] : await listRepos(this.store.db)
    const records = await listFleetRecords(this.store.db)
    const found: { repo: Repo; scan: DetectedFacts; head: string | null }[] = []
    await eachLimited(repos, SCAN_CONCURRENCY, async (repo) => {
      const head = await headOf(this.git, repo.path).catch(() => null)
      // A repository without a commit (or whose folder is gone) is read once, not on every query.
      const record = records.get(repo.id)
      if (!input.force && record?.scan && record.scanHead === head) return
      const scan: DetectedFacts = head
        ? await scanRepo(this.git, repo.path, head).catch((error: Error) => ({ facts: [], publishes: [], uses: [], catalog: null, problems: [`could not read the repository: ${error.message}`] }))
        : { facts: [], publishes: [], uses: [], catalog: null, problems: ['the repository has no commit (or its folder is gone)'] }
      found.push({ repo, scan, head })
    })
    if (found.length) {
      const at = now()
      await this.store.write(async (tx) => {
        for (const f of found) {
          await saveScan(tx.db, f.repo.id, f.scan, f.head, at)
          tx.emit('fleet.updated', f.repo.id, { repoId: f.repo.id, reason: 'scan' })
        }
      })
    }
    return { scanned: found.length, unchanged: repos.length - found.length }
  }

  /** Every registered repository's entry, scanning first those whose HEAD moved. */
  async list(): Promise<FleetEntry[]> {
    await this.scan()
    const { entries } = await this.snapshot()
    return entries
  }

  async show(ref: string): Promise<FleetDetail> {
    const repo = await this.repo(ref)
    await this.scan({ ref: repo.id })
    const { entries, edges } = await this.snapshot()
    return { entry: entries.find((e) => e.repoId === repo.id)!, dependsOn: edges.filter((e) => e.from === repo.id), dependents: edges.filter((e) => e.to === repo.id) }
  }

  async set(ref: string, fields: FleetFields): Promise<FleetEntry> {
    const repo = await this.repo(ref)
    await this.store.write(async (tx) => {
      const record = await getFleetRecord(tx.db, repo.id)
      const merged = mergeFields(record, fields, 'set', {})
      await saveFields(tx.db, repo.id, merged.fields, merged.sources, now())
      tx.emit('fleet.updated', repo.id, { repoId: repo.id, reason: 'set' })
    })
    return toFleetEntry(repo, await getFleetRecord(this.store.db, repo.id))
  }

  /** Imports a catalog file's values (see `fleet.import`); the file's name is the values' source. */
  async import(yaml: string, source: string): Promise<{ updated: string[]; unknown: string[] }> {
    const records = parseCatalogFile(yaml, source)
    const updated: string[] = []
    const unknown: string[] = []
    await this.store.write(async (tx) => {
      for (const r of records) {
        const repo = await findRepo(tx.db, r.name)
        if (!repo) {
          unknown.push(r.name)
          continue
        }
        const merged = mergeFields(await getFleetRecord(tx.db, repo.id), r.fields, source, r.dependsOnEvidence)
        await saveFields(tx.db, repo.id, merged.fields, merged.sources, now())
        tx.emit('fleet.updated', repo.id, { repoId: repo.id, reason: 'import' })
        updated.push(repo.name)
      }
    })
    return { updated, unknown }
  }

  /** The values set or imported (not the detected ones), as a catalog file. */
  async export(): Promise<{ yaml: string }> {
    const repos = await listRepos(this.store.db)
    const records = await listFleetRecords(this.store.db)
    const rows = repos.flatMap((repo) => {
      const fields = records.get(repo.id)?.fields
      return fields && Object.values(fields).some((v) => v !== null && v !== undefined) ? [{ name: repo.name, fields }] : []
    })
    return { yaml: writeCatalogFile(rows) }
  }

  async graph(): Promise<FleetEdge[]> {
    await this.scan()
    return (await this.snapshot()).edges
  }

  async impact(ref: string, depth?: number): Promise<FleetImpact> {
    const repo = await this.repo(ref)
    await this.scan()
    const { nodes, edges } = await this.snapshot()
    return blastRadius(nodes, edges, repo.id, depth)
  }

  /** Entries, graph nodes and edges from what is stored (no git). */
  private async snapshot(): Promise<{ entries: FleetEntry[]; nodes: GraphNode[]; edges: FleetEdge[] }> {
    const repos = await listRepos(this.store.db)
    const records = await listFleetRecords(this.store.db)
    const entries = repos.map((r) => toFleetEntry(r, records.get(r.id)))
    const nodes = entries.map((e) => toGraphNode(e, records.get(e.repoId)))
    return { entries, nodes, edges: buildEdges(nodes) }
  }

  private async repo(ref: string): Promise<Repo> {
    const repo = await findRepo(this.store.db, ref)
    if (!repo) throw new ApiError('not_found', `no repository with id, path or name "${ref}"`, 'ref')
    return repo
  }
}

/** Overlays given fields on the stored ones: undefined keeps a value, null clears it (and its source). */
function mergeFields(record: FleetRecord | undefined, given: FleetFields, source: string, dependsOnEvidence: Record<string, string>): { fields: FleetFields; sources: FleetSources } {
  const fields: FleetFields = { ...(record?.fields ?? {}) }
  const sources: FleetSources = { ...(record?.sources ?? {}) }
  for (const [key, value] of Object.entries(given) as [keyof FleetFields, unknown][]) {
    if (value === undefined) continue
    ;(fields as Record<string, unknown>)[key] = value
    if (value === null) delete sources[key]
    else sources[key] = source
    if (key === 'dependsOn') sources.dependsOnEvidence = value === null ? {} : dependsOnEvidence
  }
  return { fields, sources }
}
