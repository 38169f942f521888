import type { ArchitecturePack, Requirement, WorkItem } from '../../../shared/domain'
import type { ModelClient } from '../model/model-client'
import { validateDecomposition } from './decomposition-validate'
import { decompositionOutput } from './model-outputs'
import { mapLimit } from './plan-generator'
import { decomposePrompt, systemPrompt } from './prompts'

const BATCH_REQUIREMENTS = 120

interface Scope {
  requirements: Requirement[]
  componentIds: string[]
  keyPrefix: string
}

/** Small packs are decomposed in one call; large ones component by component, in batches of ~120 requirements. */
export function decompositionScopes(pack: ArchitecturePack): Scope[] {
  const components = pack.architecture.components
  if (pack.requirements.length <= BATCH_REQUIREMENTS) return [{ requirements: pack.requirements, componentIds: components.map((c) => c.id), keyPrefix: 'W' }]
  const byId = new Map(pack.requirements.map((r) => [r.id, r]))
  const claimed = new Set<string>()
  const scopes: Scope[] = []
  let current: Scope | null = null
  for (const c of components) {
    const own = c.requirement_ids.filter((id) => !claimed.has(id) && byId.has(id))
    own.forEach((id) => claimed.add(id))
    // A component with many requirements is spread over several batches rather than one oversize call.
    for (let start = 0; start === 0 || start < own.length; start += BATCH_REQUIREMENTS) {
      const chunk = own.slice(start, start + BATCH_REQUIREMENTS)
      if (!current || current.requirements.length + chunk.length > BATCH_REQUIREMENTS) {
        current = { requirements: [], componentIds: [], keyPrefix: `W${scopes.length + 1}` }
        scopes.push(current)
      }
      if (!current.componentIds.includes(c.id)) current.componentIds.push(c.id)
      current.requirements.push(...chunk.map((id) => byId.get(id) as Requirement))
    }
  }
  return scopes
}

function scopedCheck(pack: ArchitecturePack, scope: Scope) {
  const inScope = new Set(scope.requirements.map((r) => r.id))
  // Musts of other batches are someone else's to cover: only this batch's gaps are problems here.
  const requirements = pack.requirements.map((r) => (inScope.has(r.id) ? r : { ...r, priority: 'could' as const }))
  return (items: WorkItem[]) => validateDecomposition(items, { requirements, architecture: pack.architecture }).errors.map((e) => e.message)
}

export async function decompose(model: ModelClient, pack: ArchitecturePack): Promise<WorkItem[]> {
  const scopes = decompositionScopes(pack)
  const batches = await mapLimit(scopes, 2, (scope, i) =>
    model.structured({
      step: scopes.length > 1 ? `decompose:${i + 1}` : 'decompose',
      system: systemPrompt,
      prompt: decomposePrompt(pack, scope),
      tool: { name: 'submit_work_items', description: 'Submit the work items of this part of the architecture.', schema: decompositionOutput },
      check: (o) => scopedCheck(pack, scope)(o.items)
    })
  )
  return batches.flatMap((b) => b.items)
}
