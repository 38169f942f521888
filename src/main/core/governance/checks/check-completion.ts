import type { LoadedDoctrine } from '../doctrine/doctrine-types'
import { tierFor } from '../doctrine/load-doctrine'
import type { ViolationDraft } from '../violation-draft'
import type { ChangeSet } from './change-set'
import { checkChangedImports } from './import-check'
import { checkPlacement } from './placement-check'
import { checkScale } from './scale-check'

/** Every completion check over one change set: imports, placement, size and dependencies, doctrine problems. */
export async function checkCompletion(doctrine: LoadedDoctrine, changes: ChangeSet, issue: { scaleTier: number | null; component: string | null }): Promise<ViolationDraft[]> {
  const problems: ViolationDraft[] = doctrine.problems.map((message) => ({
    stage: 'completion',
    rule: 'doctrine',
    doctrine: 'policy',
    severity: 'medium',
    blocking: false,
    message: `doctrine not applied: ${message}`,
    evidence: [],
    fingerprint: `doctrine:${message}`
  }))
  return [
    ...problems,
    ...(await checkChangedImports(doctrine, changes)),
    ...checkPlacement(doctrine, changes, issue.component),
    ...checkScale(tierFor(doctrine, issue.scaleTier), changes)
  ]
}
