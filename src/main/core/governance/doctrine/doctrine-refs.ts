import type { Doctrine } from '../../../../shared/domain'
import type { Db } from '../../db/database'
import { newId, now } from '../../ids'
import { type LoadedDoctrine, doctrineKey } from './doctrine-types'

/** Records each doctrine source as a DoctrineRef (one row per namespace, name and version). */
export async function syncDoctrineRefs(db: Db, repoId: string, doctrine: LoadedDoctrine): Promise<void> {
  for (const s of doctrine.sources) {
    const content = JSON.stringify({ title: s.title, status: s.status, decision: s.decision, source: s.source, active: s.active, rules: s.rules })
    await db
      .insertInto('doctrine_refs')
      .values({ id: newId(), repo_id: repoId, namespace: s.namespace, name: s.name, version: s.version, priority: s.priority, kind: s.kind, content, created_at: now() })
      .onConflict((oc) => oc.columns(['repo_id', 'namespace', 'name', 'version']).doUpdateSet({ priority: s.priority, kind: s.kind, content }))
      .execute()
  }
}

/** The view the UI and CLI show. */
export function toDoctrineView(repoId: string, d: LoadedDoctrine): Doctrine {
  return {
    repoId,
    entries: d.sources.map((s) => ({
      namespace: s.namespace,
      name: s.name,
      version: s.version,
      priority: s.priority,
      kind: s.kind,
      title: s.title,
      status: s.active ? s.status : `${s.status} (rules not applied)`,
      decision: s.decision,
      source: s.source,
      rules: { components: s.rules.components.length, imports: s.rules.imports.length, tiers: s.rules.tiers.length }
    })),
    components: d.components.map((c) => ({ name: c.name, paths: c.paths, doctrine: c.doctrine })),
    imports: d.imports.map((r) => ({ name: r.name, from: r.from, to: r.to, packages: r.packages, doctrine: r.doctrine, blocking: r.priority === 'must' })),
    tiers: d.tiers.map((t) => ({ tier: t.tier, maxFiles: t.maxFiles, maxLines: t.maxLines, newDependencies: t.newDependencies, doctrine: t.doctrine })),
    problems: d.problems
  }
}

export { doctrineKey }
