import type { ContextPacket, Issue, ReviewReport } from '../../../../shared/domain'
import type { LoadedDoctrine, Tagged } from '../doctrine/doctrine-types'
import type { ScaleTier } from '../rules.schema'
import { type ViolationDraft, weigh } from '../violation-draft'

/** The component an issue targets: its briefing's `inputs.component`, else a `component:NAME` label. */
export function issueComponent(issue: Issue, packet: ContextPacket | undefined): string | null {
  const input = packet?.content.inputs.component
  if (typeof input === 'string' && input.trim()) return input.trim()
  // Planned issues carry the pack's component as an object; its id is what labels and doctrine name.
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined
  if (typeof id === 'string' && id.trim()) return id.trim()
  const label = issue.labels.find((l) => l.startsWith('component:'))
  return label ? label.slice('component:'.length).trim() || null : null
}

/**
 * Placement: is this the right repository and component? `elsewhere` maps component names to the other
 * registered repositories that define them.
 */
export function checkIssuePlacement(doctrine: LoadedDoctrine, component: string | null, elsewhere: Map<string, string[]>): ViolationDraft[] {
  if (!component || doctrine.components.length === 0 || doctrine.components.some((c) => c.name === component)) return []
  const others = elsewhere.get(component) ?? []
  const known = doctrine.components.map((c) => c.name).join(', ')
  return [
    {
      stage: 'placement',
      rule: 'placement',
      doctrine: doctrine.components[0]?.doctrine ?? 'policy',
      ...weigh('must'),
      message: others.length
        ? `component ${component} belongs to ${others.join(', ')}, not this repository (its components: ${known})`
        : `component ${component} is not a component of this repository (its components: ${known})`,
      evidence: [],
      fingerprint: `issue-placement:${component}`
    }
  ]
}

/** Plan time: the tier must exist, and the grader's estimate of the plan must fit in it. */
export function checkPlan(doctrine: LoadedDoctrine, issue: Issue, tier: Tagged<ScaleTier> | null, estimate: ReviewReport['estimate']): ViolationDraft[] {
  const wanted = issue.scaleTier ?? doctrine.governance.defaultTier
  if (wanted !== null && !tier && doctrine.tiers.length > 0) {
    return [{ stage: 'plan', rule: 'scale', doctrine: 'policy', ...weigh('should'), message: `scale tier ${wanted} is not defined (defined: ${doctrine.tiers.map((t) => t.tier).join(', ')})`, evidence: [], fingerprint: `plan-tier:${wanted}` }]
  }
  if (!tier || !estimate) return []
  const drafts: ViolationDraft[] = []
  const w = weigh(tier.priority)
  if (estimate.files > tier.maxFiles) drafts.push({ stage: 'plan', rule: 'scale', doctrine: tier.doctrine, ...w, message: `the plan touches about ${estimate.files} files; tier ${tier.tier} allows ${tier.maxFiles}`, evidence: [], fingerprint: `plan-files:${tier.tier}` })
  if (estimate.lines > tier.maxLines) drafts.push({ stage: 'plan', rule: 'scale', doctrine: tier.doctrine, ...w, message: `the plan changes about ${estimate.lines} lines; tier ${tier.tier} allows ${tier.maxLines}`, evidence: [], fingerprint: `plan-lines:${tier.tier}` })
  if (!tier.newDependencies && estimate.newDependencies.length) {
    drafts.push({ stage: 'plan', rule: 'dependency', doctrine: tier.doctrine, ...w, message: `the plan adds ${estimate.newDependencies.join(', ')}; tier ${tier.tier} allows no new dependencies`, evidence: [], fingerprint: 'plan-dependencies' })
  }
  return drafts
}
