import type { DoctrinePriority } from '../../../../shared/domain'
import type { ComponentRule, GovernancePolicy, ImportRule, RuleSet, ScaleTier } from '../rules.schema'

/** One ADR or the policy, with the rules it carries. */
export interface DoctrineSource {
  namespace: string
  name: string
  version: string
  priority: DoctrinePriority
  kind: 'adr' | 'policy'
  title: string
  status: string
  decision: string
  /** Repo-relative file. */
  source: string
  /** Rules apply only from accepted ADRs (and always from the policy). */
  active: boolean
  rules: RuleSet
}

/** Each rule remembers the doctrine it came from, as `namespace/name@version`. */
export type Tagged<T> = T & { doctrine: string }
export type LoadedImportRule = Tagged<ImportRule>

/** Everything the checks need, merged from the policy and the active ADRs. */
export interface LoadedDoctrine {
  governance: GovernancePolicy
  sources: DoctrineSource[]
  components: Tagged<ComponentRule>[]
  imports: LoadedImportRule[]
  tiers: Tagged<ScaleTier>[]
  /** Files that could not be read, each naming the file and the problem. */
  problems: string[]
}

export function doctrineKey(source: Pick<DoctrineSource, 'namespace' | 'name' | 'version'>): string {
  return `${source.namespace}/${source.name}@${source.version}`
}
