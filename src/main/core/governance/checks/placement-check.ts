import picomatch from 'picomatch'
import type { DoctrinePriority } from '../../../../shared/domain'
import type { LoadedDoctrine } from '../doctrine/doctrine-types'
import { type ViolationDraft, weigh } from '../violation-draft'
import { type ChangeSet, presentFiles } from './change-set'

const order: DoctrinePriority[] = ['must', 'should', 'may']
const strongest = (ps: DoctrinePriority[]): DoctrinePriority => order.find((p) => ps.includes(p)) ?? 'may'

/**
 * New files must land inside some component; when the issue names its component, every changed file must
 * be inside that component. Without components in the doctrine nothing is checked.
 */
export function checkPlacement(doctrine: LoadedDoctrine, changes: ChangeSet, component: string | null): ViolationDraft[] {
  if (doctrine.components.length === 0) return []
  const drafts: ViolationDraft[] = []
  const matchers = doctrine.components.map((c) => ({ c, match: picomatch(c.paths, { dot: true }) }))
  const created = presentFiles(changes).filter((f) => f.kind === 'created' || f.kind === 'renamed')
  for (const file of created) {
    if (matchers.some(({ match }) => match(file.path))) continue
    drafts.push({
      stage: 'completion',
      rule: 'placement',
      doctrine: doctrine.components[0]?.doctrine ?? 'policy',
      ...weigh(strongest(doctrine.components.map((c) => c.priority))),
      message: `${file.path} is outside every component (${doctrine.components.map((c) => c.name).join(', ')})`,
      evidence: [{ file: file.path }],
      fingerprint: `placement:${file.path}`
    })
  }
  const own = component ? matchers.filter(({ c }) => c.name === component) : []
  if (own.length > 0) {
    for (const file of presentFiles(changes)) {
      if (own.some(({ match }) => match(file.path))) continue
      const rule = own[0]?.c
      drafts.push({
        stage: 'completion',
        rule: 'component',
        doctrine: rule?.doctrine ?? 'policy',
        ...weigh(rule?.priority ?? 'must'),
        message: `${file.path} is outside the issue's component ${component} (${rule?.paths.join(', ')})`,
        evidence: [{ file: file.path }],
        fingerprint: `component:${component}:${file.path}`
      })
    }
  }
  return drafts
}
