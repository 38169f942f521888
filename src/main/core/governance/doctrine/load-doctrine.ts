import fs from 'node:fs/promises'
import path from 'node:path'
import type { GovernancePolicy } from '../rules.schema'
import { type DoctrineSource, type LoadedDoctrine, doctrineKey } from './doctrine-types'
import { parseAdr } from './parse-adr'
import { resolveInside } from '../../fs-safety/inside'

const MAX_ADR_BYTES = 512 * 1024

/** The policy's own rules as a doctrine source. */
function policySource(governance: GovernancePolicy): DoctrineSource {
  const { components, imports, tiers } = governance
  return {
    namespace: governance.namespace,
    name: 'policy',
    version: '1',
    priority: 'must',
    kind: 'policy',
    title: 'Repository policy',
    status: 'accepted',
    decision: 'Rules in the governance section of .flightdeck/policy.json',
    source: '.flightdeck/policy.json',
    active: true,
    rules: { components, imports, tiers }
  }
}

async function readAdrs(root: string, governance: GovernancePolicy, problems: string[]): Promise<DoctrineSource[]> {
  // No link on the way: a linked ADR folder could bring rules from anywhere.
  const dir = await resolveInside(root, governance.adrDir, false)
  if (!dir || dir === path.resolve(root)) {
    problems.push(`governance.adrDir ${governance.adrDir} is outside the repository or reached through a symlink`)
    return []
  }
  const names = await fs.readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? [] : Promise.reject(e)))
  const sources: DoctrineSource[] = []
  for (const file of names.filter((n) => n.endsWith('.md')).sort()) {
    const rel = path.posix.join(governance.adrDir.replaceAll('\\', '/'), file)
    const stat = await fs.lstat(path.join(dir, file))
    if (!stat.isFile()) continue
    if (stat.size > MAX_ADR_BYTES) {
      problems.push(`${rel}: larger than ${MAX_ADR_BYTES / 1024} KB; not read`)
      continue
    }
    try {
      sources.push(parseAdr(await fs.readFile(path.join(dir, file), 'utf8'), rel, governance.namespace, file.replace(/\.md$/, '')))
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error))
    }
  }
  return sources
}

/**
 * A repository's doctrine: the policy's governance rules plus the ADRs under `root` (the repository's
 * own checkout, never a run's worktree, so an agent cannot loosen the rules it is checked against).
 */
export async function loadDoctrine(root: string, governance: GovernancePolicy): Promise<LoadedDoctrine> {
  const problems: string[] = []
  const sources = [policySource(governance), ...(await readAdrs(root, governance, problems))]
  const doctrine: LoadedDoctrine = { governance, sources, components: [], imports: [], tiers: [], problems }
  for (const source of sources.filter((s) => s.active)) {
    const tag = { doctrine: doctrineKey(source) }
    doctrine.components.push(...source.rules.components.map((r) => ({ ...r, ...tag })))
    doctrine.imports.push(...source.rules.imports.map((r) => ({ ...r, ...tag })))
    doctrine.tiers.push(...source.rules.tiers.map((r) => ({ ...r, ...tag })))
  }
  return doctrine
}

/** The tier that applies to an issue, or null when size is not governed for it. */
export function tierFor(doctrine: LoadedDoctrine, issueTier: number | null) {
  const wanted = issueTier ?? doctrine.governance.defaultTier
  if (wanted === null) return null
  // Later sources (ADRs) refine earlier ones (the policy): the last definition of a tier wins.
  return doctrine.tiers.filter((t) => t.tier === wanted).at(-1) ?? null
}
