import path from 'node:path'
import picomatch from 'picomatch'
import type { LoadedImportRule } from '../doctrine/doctrine-types'
import { type ViolationDraft, weigh } from '../violation-draft'
import type { FoundImport } from './find-imports'

const candidateSuffixes = ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js']

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`; `node:fs` stays whole. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

function isRelative(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')
}

/** What an import points at: repo-relative path candidates for relative specifiers, a package otherwise. */
function target(file: string, specifier: string): { paths: string[] } | { pkg: string } {
  if (!isRelative(specifier)) return { pkg: specifier }
  const resolved = path.posix.normalize(specifier.startsWith('/') ? specifier.slice(1) : path.posix.join(path.posix.dirname(file), specifier))
  return { paths: candidateSuffixes.map((s) => resolved + s) }
}

/** Checks one file's imports against the import rules; `file` is repo-relative with forward slashes. */
export function checkImports(file: string, imports: readonly FoundImport[], rules: readonly LoadedImportRule[]): ViolationDraft[] {
  const drafts: ViolationDraft[] = []
  for (const rule of rules) {
    if (!picomatch(rule.from, { dot: true })(file)) continue
    const toPath = rule.to.length ? picomatch(rule.to, { dot: true }) : () => false
    const toPackage = rule.packages.length ? picomatch(rule.packages, { dot: true }) : () => false
    for (const found of imports) {
      if (found.typeOnly && rule.ignoreTypeOnly) continue
      const t = target(file, found.specifier)
      const hit = 'pkg' in t ? toPackage(t.pkg) || toPackage(packageName(t.pkg)) : t.paths.some((p) => toPath(p))
      if (!hit) continue
      drafts.push({
        stage: 'completion',
        rule: 'import',
        doctrine: rule.doctrine,
        ...weigh(rule.priority, rule.severity),
        message: `${file}:${found.line} imports ${found.specifier}, which rule "${rule.name}" forbids${rule.reason ? `: ${rule.reason}` : ''}`,
        evidence: [{ file, line: found.line, excerpt: `${found.kind}${found.typeOnly ? ' (type only)' : ''} '${found.specifier}'` }],
        fingerprint: `import:${rule.doctrine}:${rule.name}:${file}:${found.specifier}`
      })
    }
  }
  return drafts
}
