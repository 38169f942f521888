import type { PlanVersion } from '../../../shared/domain'

/** One line about a pack version: its size and coverage. */
export function versionLine(v: PlanVersion): string {
  const p = v.pack
  return `version ${v.version} (${v.source}): ${p.requirements.length} requirements, ${p.architecture.components.length} components, ` +
    `${p.architecture.relationships.length} relationships; ${p.coverage.covered_total}/${p.coverage.requirements_total} covered\n`
}
