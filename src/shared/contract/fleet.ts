/**
 * The fleet: a catalog of the registered repositories and the dependency graph between them.
 *
 * Facts are detected from each repository's committed files (`git ls-files`, `git grep` over HEAD; never the
 * work tree): runtimes, package managers, CI, CODEOWNERS owners, what it publishes (npm package name, Go
 * module path, Python project name, Rust crate) and what it depends on (package.json dependencies, go.mod require,
 * pyproject [project] dependencies, Cargo.toml dependency tables, Dockerfile FROM), and a Backstage `catalog-info.yaml` when it has one.
 * The rest (owners, criticality, lifecycle, tags, links, declared edges, images it builds) is set with
 * `fleet.set` or imported from a catalog YAML file; a value set or imported wins over a detected one, and every
 * value carries its source.
 */
import { z } from 'zod'
import { command, topic } from './kit'
import { freeText, text } from './schemas'

export const fleetLifecycles = ['active', 'deprecated'] as const
export type FleetLifecycle = (typeof fleetLifecycles)[number]

/** How one repository can depend on another: a manifest's kind, or declared in the catalog. */
export const fleetEdgeKinds = ['npm', 'go', 'python', 'cargo', 'docker', 'declared'] as const
export type FleetEdgeKind = (typeof fleetEdgeKinds)[number]

/** Where a value came from: a file of the repository (with line when known), a catalog file, or `set` (CLI/UI). */
export type FleetSource = string

export interface FleetLink {
  title: string
  url: string
}

/** One detected or set fact, with its source. */
export interface FleetFact {
  field: 'runtime' | 'packageManager' | 'ci' | 'owners' | 'publishes' | 'lifecycle' | 'tags' | 'links' | 'criticality' | 'dependsOn' | 'images'
  value: string
  source: FleetSource
}

/** Something a repository publishes that another can depend on. */
export interface FleetArtifact {
  kind: Exclude<FleetEdgeKind, 'declared'>
  /** npm package name, Go module path, normalized Python project or Rust crate name, image name (no tag). */
  name: string
  source: FleetSource
}

/** One repository of the fleet with its effective values (set/imported over detected). */
export interface FleetEntry {
  repoId: string
  name: string
  path: string
  owners: string[]
  /** 0 is the most critical; null: not set. */
  criticality: number | null
  lifecycle: FleetLifecycle
  tags: string[]
  links: FleetLink[]
  runtimes: string[]
  packageManagers: string[]
  ci: string[]
  publishes: FleetArtifact[]
  /** Names of repositories this one declares it depends on (catalog or catalog-info.yaml). */
  dependsOn: string[]
  /** Every value above with the source it came from. */
  facts: FleetFact[]
  /** What could not be read (a manifest that does not parse, a folder that is gone). */
  problems: string[]
  /** The commit the detected facts were read from; null: never scanned. */
  scannedHead: string | null
  scannedAt: string | null
}

/** `from` depends on `to`; evidence is `file:line` in `from` (or the catalog file that declares it). */
export interface FleetEdge {
  from: string
  to: string
  kind: FleetEdgeKind
  /** What was named: the package, module, project or image; the repository name for declared edges. */
  name: string
  evidence: string
}

export interface FleetImpactRepo {
  repoId: string
  name: string
  criticality: number | null
  owners: string[]
  /** The edges by which it depends on the level before. */
  via: FleetEdge[]
}

/** Every repository that depends on `repo`, transitively, by depth (1: direct dependents). */
export interface FleetImpact {
  repo: { repoId: string; name: string }
  levels: { depth: number; repos: FleetImpactRepo[] }[]
  total: number
  /** Dependency cycles among `repo` and its dependents, each as names from one repository back to itself. */
  cycles: string[][]
  /** True when --depth cut the walk short while dependents remained. */
  truncated: boolean
}

export interface FleetDetail {
  entry: FleetEntry
  /** What this repository depends on. */
  dependsOn: FleetEdge[]
  /** What depends on this repository directly. */
  dependents: FleetEdge[]
}

const name = text('a name', 200)
const linkSchema = z.strictObject({ title: text('a link title', 200), url: z.url('a link must be a URL') })

/** The fields a catalog file or `fleet.set` may give; null clears a value (back to what is detected). */
export const fleetFieldsSchema = z.strictObject({
  owners: z.array(name).max(50).nullable().optional(),
  criticality: z.number().int().min(0, 'criticality is a tier from 0 to 3').max(3, 'criticality is a tier from 0 to 3').nullable().optional(),
  lifecycle: z.enum(fleetLifecycles).nullable().optional(),
  tags: z.array(text('a tag', 64)).max(50).nullable().optional(),
  links: z.array(linkSchema).max(50).nullable().optional(),
  dependsOn: z.array(name).max(500).nullable().optional(),
  images: z.array(text('an image', 300)).max(50).nullable().optional()
})
export type FleetFields = z.output<typeof fleetFieldsSchema>

export const fleetCommands = {
  /** Reads each repository's committed files again where its HEAD moved (all, or the one named). */
  'fleet.scan': command<{ scanned: number; unchanged: number }>()(z.strictObject({ ref: text('ref', 4_096).optional(), force: z.boolean().default(false) })),
  /** Every registered repository with its catalog values (scanning those never scanned or whose HEAD moved). */
  'fleet.list': command<FleetEntry[]>()(z.strictObject({})),
  /** One repository's catalog entry and its edges both ways. */
  'fleet.show': command<FleetDetail>()(z.strictObject({ ref: text('ref', 4_096) })),
  /** Sets catalog values of one repository (source `set`); null clears one. */
  'fleet.set': command<FleetEntry>()(z.strictObject({ ref: text('ref', 4_096), fields: fleetFieldsSchema })),
  /**
   * Imports a catalog: Flightdeck's own (`repositories: [{name, owners, ...}]`, what `fleet.export` writes) or
   * Backstage documents (`kind: Component`). Entries naming no registered repository are reported, not stored.
   */
  'fleet.import': command<{ updated: string[]; unknown: string[] }>()(z.strictObject({ yaml: freeText('yaml', 5_000_000), source: text('source', 500).default('catalog.yaml') })),
  /** The values set or imported, as a catalog file `fleet.import` reads back. */
  'fleet.export': command<{ yaml: string }>()(z.strictObject({})),
  /** Every edge between registered repositories. */
  'fleet.graph': command<FleetEdge[]>()(z.strictObject({})),
  /** The blast radius of a repository: who depends on it, transitively, by depth. */
  'fleet.impact': command<FleetImpact>()(z.strictObject({ ref: text('ref', 4_096), depth: z.number().int().min(1).max(1_000).optional() }))
}

export const fleetTopics = {
  /** A repository's catalog values changed (set, import) or its files were scanned at a new HEAD. */
  'fleet.updated': topic<{ repoId: string; reason: 'set' | 'import' | 'scan' }>()
}
