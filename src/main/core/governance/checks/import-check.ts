import picomatch from 'picomatch'
import type { LoadedDoctrine } from '../doctrine/doctrine-types'
import { findImports, isParseable } from '../imports/find-imports'
import { checkImports } from '../imports/import-rules'
import { type ViolationDraft, weigh } from '../violation-draft'
import { type ChangeSet, presentFiles } from './change-set'

const MAX_SOURCE_BYTES = 2 * 1024 * 1024

/** Parses every changed source file an import rule covers and reports forbidden imports with file:line. */
export async function checkChangedImports(doctrine: LoadedDoctrine, changes: ChangeSet): Promise<ViolationDraft[]> {
  const drafts: ViolationDraft[] = []
  for (const change of presentFiles(changes)) {
    if (change.binary || !isParseable(change.path)) continue
    const rules = doctrine.imports.filter((r) => picomatch(r.from, { dot: true })(change.path))
    if (rules.length === 0) continue
    const source = await changes.read(change.path)
    const problem = source === null ? 'it could not be read' : source.length > MAX_SOURCE_BYTES ? 'it is larger than 2 MB' : null
    let imports
    try {
      if (problem) throw new Error(problem)
      imports = findImports(source as string, change.path)
    } catch (error) {
      // An unreadable file could hide a forbidden import, so it weighs as much as the strictest rule covering it.
      const strictest = rules.some((r) => r.priority === 'must') ? 'must' : rules.some((r) => r.priority === 'should') ? 'should' : 'may'
      drafts.push({
        stage: 'completion',
        rule: 'import',
        doctrine: rules[0]?.doctrine ?? 'policy',
        ...weigh(strictest),
        message: `${change.path}: its imports cannot be checked: ${error instanceof Error ? error.message : String(error)}`,
        evidence: [{ file: change.path }],
        fingerprint: `unparseable:${change.path}`
      })
      continue
    }
    const lines = (source as string).split('\n')
    for (const draft of checkImports(change.path, imports, rules)) {
      for (const e of draft.evidence) if (e.line) e.excerpt = lines[e.line - 1]?.trim().slice(0, 300) ?? e.excerpt
      drafts.push(draft)
    }
  }
  return drafts
}
