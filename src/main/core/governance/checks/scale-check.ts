import type { Tagged } from '../doctrine/doctrine-types'
import type { ScaleTier } from '../rules.schema'
import { type ViolationDraft, weigh } from '../violation-draft'
import type { ChangeSet } from './change-set'

const dependencyFields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const

function dependencyNames(manifest: string | null): Set<string> | Error {
  if (manifest === null) return new Set()
  try {
    const json = JSON.parse(manifest) as Record<string, unknown>
    return new Set(dependencyFields.flatMap((f) => (json[f] && typeof json[f] === 'object' ? Object.keys(json[f] as object) : [])))
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

/** Packages package.json declares after the change that it did not declare before. */
export function newDependencies(manifests: ChangeSet['manifests']): string[] | Error {
  const before = dependencyNames(manifests.base)
  const after = dependencyNames(manifests.head)
  if (after instanceof Error) return new Error(`package.json is not valid JSON: ${after.message}`)
  return [...after].filter((name) => before instanceof Error || !before.has(name)).sort()
}

/** Size over the tier's limits, and new dependencies where the tier allows none. */
export function checkScale(tier: Tagged<ScaleTier> | null, changes: ChangeSet): ViolationDraft[] {
  if (!tier) return []
  const drafts: ViolationDraft[] = []
  const weight = weigh(tier.priority)
  const lines = changes.files.reduce((n, f) => n + (f.additions ?? 0) + (f.deletions ?? 0), 0)
  if (changes.files.length > tier.maxFiles) {
    drafts.push({ stage: 'completion', rule: 'scale', doctrine: tier.doctrine, ...weight, message: `${changes.files.length} files changed; tier ${tier.tier} allows ${tier.maxFiles}`, evidence: changes.files.slice(0, 20).map((f) => ({ file: f.path })), fingerprint: `scale-files:${tier.tier}` })
  }
  if (lines > tier.maxLines) {
    drafts.push({ stage: 'completion', rule: 'scale', doctrine: tier.doctrine, ...weight, message: `${lines} lines changed; tier ${tier.tier} allows ${tier.maxLines}`, evidence: [], fingerprint: `scale-lines:${tier.tier}` })
  }
  if (!tier.newDependencies) {
    const added = newDependencies(changes.manifests)
    if (added instanceof Error) {
      drafts.push({ stage: 'completion', rule: 'dependency', doctrine: tier.doctrine, ...weight, message: added.message, evidence: [{ file: 'package.json' }], fingerprint: 'dependency:invalid-manifest' })
    } else {
      for (const name of added) {
        drafts.push({ stage: 'completion', rule: 'dependency', doctrine: tier.doctrine, ...weight, message: `new dependency ${name}; tier ${tier.tier} allows no new dependencies`, evidence: [{ file: 'package.json', excerpt: name }], fingerprint: `dependency:${name}` })
      }
    }
  }
  return drafts
}
